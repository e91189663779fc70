// The `isocheck run` executable itself: what a SIGKILL leaves behind, and
// how it reports a server it cannot reach.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "tests/runner/isolation/checked_run.h"
#include "tests/runner/isolation/child_process.h"
#include "tests/runner/isolation/shared_cluster.h"
#include "tests/support/test_paths.h"

namespace isocheck::runner::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

uintmax_t file_size_or_zero(const std::string& path) {
  std::error_code ec;
  uintmax_t size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

// Many times the header: the history holds a few hundred events by then.
constexpr uintmax_t kGrownBytes = 32 * 1024;

TEST(RunCommand, KillNineMidRunLeavesALoadableCheckableHistory) {
  ScratchDir dir("kill9");
  const std::string history = dir.file("h.pb");
  ChildProcess run(isocheck::testing::isocheck_binary(),
                   {"run", "--dsn", shared_cluster_dsn(), "--duration", "60s", "--out", history,
                    "--quiet", "--keys", "6"},
                   dir.file("run"));
  auto deadline = std::chrono::steady_clock::now() + seconds(30);
  while (file_size_or_zero(history) < kGrownBytes && std::chrono::steady_clock::now() < deadline &&
         !run.wait_for_exit(milliseconds(20))) {
  }
  ASSERT_GE(file_size_or_zero(history), kGrownBytes) << "stderr: " << run.err();
  ASSERT_FALSE(run.wait_for_exit(milliseconds(0))) << "exited early; stderr: " << run.err();
  run.kill_hard();
  ASSERT_EQ(run.wait_for_exit(seconds(10)), 128 + SIGKILL);

  LoadedHistory loaded;
  ASSERT_NO_THROW(loaded = load_history(history));
  EXPECT_LE(loaded.warnings.size(), 1u);
  for (const std::string& w : loaded.warnings) EXPECT_NE(w.find("h.pb"), std::string::npos) << w;
  EXPECT_GE(loaded.history.txns.size(), 1u);
  EXPECT_TRUE(std::any_of(loaded.history.txns.begin(), loaded.history.txns.end(),
                          [](const Txn& t) { return t.status == TxnStatus::kOk; }));

  ChildProcess check(isocheck::testing::isocheck_binary(), {"check", history}, dir.file("check"));
  std::optional<int> code = check.wait_for_exit(seconds(30));
  ASSERT_TRUE(code.has_value()) << "check did not finish";
  EXPECT_TRUE(*code == 0 || *code == 1) << "exit " << *code << "; stderr: " << check.err();
}

TEST(RunCommand, UnreachableServerExitsTwoWithOneLine) {
  ScratchDir dir("bad-dsn");
  ChildProcess run(isocheck::testing::isocheck_binary(),
                   {"run", "--dsn", "host=127.0.0.1 port=1 connect_timeout=2", "--duration", "5s",
                    "--out", dir.file("h.pb"), "--quiet"},
                   dir.file("run"));
  std::optional<int> code = run.wait_for_exit(seconds(30));
  ASSERT_TRUE(code.has_value()) << "still running against port 1";
  EXPECT_EQ(*code, 2);
  std::string err = run.err();
  ASSERT_FALSE(err.empty());
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_EQ(err.back(), '\n') << err;
}

}  // namespace
}  // namespace isocheck::runner::testing
