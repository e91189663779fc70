// `isocheck run` as a hostile user drives it (issue 11): a server that never
// answers, a password in a malformed DSN, more clients than the server
// takes, a run that tests nothing, two runs on one --out, a killed parent of
// worker processes, the tables a killed run leaves, out-of-range options.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "runner/cluster/process_tree.h"
#include "runner/pg/pg_connection.h"
#include "tests/runner/isolation/checked_run.h"
#include "tests/runner/isolation/child_process.h"
#include "tests/runner/isolation/shared_cluster.h"
#include "tests/support/test_paths.h"

namespace isocheck::runner::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

struct Finished {
  int code;
  std::string out, err;
};

// Runs isocheck with `args` to the end (capped), in `dir`'s files.
Finished run_isocheck(const ScratchDir& dir, const std::string& name,
                      const std::vector<std::string>& args, seconds cap = seconds(120)) {
  ChildProcess p(isocheck::testing::isocheck_binary(), args, dir.file(name));
  std::optional<int> code = p.wait_for_exit(cap);
  if (!code) {
    ADD_FAILURE() << "isocheck " << args[0] << " still running after " << cap.count()
                  << " s; stderr: " << p.err();
    return {-1, p.out(), p.err()};
  }
  return {*code, p.out(), p.err()};
}

size_t lines(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }

uintmax_t size_or_zero(const std::string& path) {
  std::error_code ec;
  uintmax_t size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

// A TCP socket on 127.0.0.1 that accepts connections (the kernel completes
// the handshake into the backlog) and never sends a byte.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    bool ok = fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
              ::listen(fd_, 16) == 0 &&
              ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
    if (!ok) throw std::runtime_error("cannot open a listening socket on 127.0.0.1");
    port_ = ntohs(addr.sin_port);
  }
  ~SilentServer() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(RunHardening, ServerThatNeverAnswersFailsAfterTheDefaultConnectTimeout) {
  ScratchDir dir("silent");
  SilentServer silent;
  auto started = std::chrono::steady_clock::now();
  Finished f = run_isocheck(dir, "run",
                            {"run", "--dsn", "host=127.0.0.1 port=" + std::to_string(silent.port()),
                             "--duration", "2s", "--out", dir.file("h.pb"), "--quiet"},
                            seconds(60));
  EXPECT_EQ(f.code, 2) << f.err;
  EXPECT_EQ(lines(f.err), 1u) << f.err;
  EXPECT_NE(f.err.find("timeout expired"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("connect_timeout"), std::string::npos) << f.err;
  EXPECT_LT(std::chrono::steady_clock::now() - started, seconds(40));
}

TEST(RunHardening, ConnectTimeoutInTheDsnWins) {
  ScratchDir dir("silent-dsn");
  SilentServer silent;
  auto started = std::chrono::steady_clock::now();
  Finished f =
      run_isocheck(dir, "run",
                   {"run", "--dsn",
                    "host=127.0.0.1 port=" + std::to_string(silent.port()) + " connect_timeout=2",
                    "--duration", "2s", "--out", dir.file("h.pb"), "--quiet"},
                   seconds(60));
  EXPECT_EQ(f.code, 2) << f.err;
  EXPECT_NE(f.err.find("timeout expired"), std::string::npos) << f.err;
  // The default's hint names the default; the DSN's own value needs none.
  EXPECT_EQ(f.err.find("set connect_timeout"), std::string::npos) << f.err;
  EXPECT_LT(std::chrono::steady_clock::now() - started, seconds(9));
}

TEST(RunHardening, MalformedUriDsnNeverEchoesThePassword) {
  ScratchDir dir("uri");
  for (const std::string& dsn :
       {std::string("postgresql://qa:sekret@[::1"), std::string("postgresql://qa:sekret@h/db?x=1"),
        std::string("host=h password=sekret port")}) {
    Finished f = run_isocheck(dir, "run",
                              {"run", "--dsn", dsn, "--duration", "1s", "--out", dir.file("h.pb")});
    EXPECT_EQ(f.code, 2) << dsn << ": " << f.err;
    EXPECT_EQ(f.err.find("sekret"), std::string::npos) << f.err;
    EXPECT_EQ(f.out.find("sekret"), std::string::npos) << f.out;
    EXPECT_EQ(lines(f.err), 1u) << f.err;
  }
}

TEST(RunHardening, MoreClientsThanTheServerTakesFailsBeforeRunning) {
  ScratchDir dir("clients");
  Finished f = run_isocheck(dir, "run",
                            {"run", "--clients", "60", "--pg-setting", "max_connections=50",
                             "--duration", "2s", "--out", dir.file("h.pb"), "--quiet"});
  EXPECT_EQ(f.code, 2) << f.err;
  EXPECT_EQ(lines(f.err), 1u) << f.err;
  EXPECT_NE(f.err.find("--clients 60 needs 63 connections"), std::string::npos) << f.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("h.pb")));

  Finished dsn = run_isocheck(dir, "dsn",
                              {"run", "--dsn", shared_cluster_dsn(), "--clients", "300",
                               "--duration", "2s", "--out", dir.file("h2.pb"), "--quiet"});
  EXPECT_EQ(dsn.code, 2) << dsn.err;
  EXPECT_NE(dsn.err.find("--clients 300 needs 303 connections"), std::string::npos) << dsn.err;
}

TEST(RunHardening, ThrowawayServerIsSizedForTheClientsAsked) {
  ScratchDir dir("many");
  RunOptions o;
  o.clients = 210;
  o.duration = milliseconds(1500);
  o.quiet = true;
  o.out = dir.file("h.pb");
  RunSummary s = run_workload(o);
  LoadedHistory loaded = load_history(o.out);
  EXPECT_EQ(loaded.history.header.settings.at("max_connections"), "216");
  EXPECT_GT(s.ok, 0u);
}

TEST(RunHardening, RunThatRanNoTransactionIsUnknownNotValid) {
  ScratchDir dir("nothing");
  Finished f = run_isocheck(dir, "run",
                            {"run", "--dsn", shared_cluster_dsn(), "--duration", "1ms", "--clients",
                             "2", "--out", dir.file("h.pb"), "--quiet"});
  EXPECT_EQ(f.code, 3) << f.out << f.err;
  EXPECT_NE(f.err.find("unknown: no transaction ran"), std::string::npos) << f.err;
  EXPECT_EQ(f.out.find("VALID"), std::string::npos) << f.out;
}

TEST(RunHardening, SecondRunOnTheSameOutFailsAtOnceAndTheFirstKeepsItsHistory) {
  ScratchDir dir("same-out");
  const std::string out = dir.file("h.pb");
  ChildProcess first(isocheck::testing::isocheck_binary(),
                     {"run", "--dsn", shared_cluster_dsn(), "--duration", "4s", "--out", out,
                      "--quiet", "--keys", "6"},
                     dir.file("first"));
  auto deadline = std::chrono::steady_clock::now() + seconds(30);
  while (size_or_zero(out) < 4096 && std::chrono::steady_clock::now() < deadline &&
         !first.wait_for_exit(milliseconds(10))) {
  }
  ASSERT_GE(size_or_zero(out), 4096u) << first.err();
  Finished second = run_isocheck(dir, "second",
                                 {"run", "--dsn", shared_cluster_dsn(), "--duration", "4s", "--out",
                                  out, "--quiet", "--keys", "6"},
                                 seconds(60));
  EXPECT_EQ(second.code, 2) << second.err;
  EXPECT_NE(second.err.find("another isocheck run (pid " + std::to_string(first.pid()) + ")"),
            std::string::npos)
      << second.err;
  std::optional<int> code = first.wait_for_exit(seconds(60));
  ASSERT_TRUE(code.has_value());
  EXPECT_TRUE(*code == 0 || *code == 1) << *code << ": " << first.err();
  LoadedHistory loaded;
  ASSERT_NO_THROW(loaded = load_history(out));
  EXPECT_TRUE(loaded.warnings.empty());
  EXPECT_TRUE(loaded.history.txns.back().final_read);
  EXPECT_FALSE(std::filesystem::exists(out + ".lock"));
}

TEST(RunHardening, OutOfRangeOptionsAreRefusedWithOneLine) {
  ScratchDir dir("options");
  Finished big = run_isocheck(dir, "big", {"run", "--duration", "99999999999999999999s"});
  EXPECT_EQ(big.code, 2);
  EXPECT_NE(big.err.find("too large"), std::string::npos) << big.err;
  EXPECT_EQ(big.err.find("positive"), std::string::npos) << big.err;
  Finished negative = run_isocheck(dir, "negative", {"run", "--statement-timeout", "-1"});
  EXPECT_EQ(negative.code, 2) << negative.err;
  EXPECT_NE(negative.err.find("--statement-timeout"), std::string::npos) << negative.err;
  Finished no_threads = run_isocheck(dir, "no-threads", {"run", "--threads", "0"});
  EXPECT_EQ(no_threads.code, 2) << no_threads.err;
  EXPECT_NE(no_threads.err.find("--threads"), std::string::npos) << no_threads.err;
  Finished idle_threads =
      run_isocheck(dir, "idle-threads", {"run", "--clients", "2", "--threads", "3"});
  EXPECT_EQ(idle_threads.code, 2) << idle_threads.err;
  EXPECT_NE(idle_threads.err.find("--threads"), std::string::npos) << idle_threads.err;
}

// kill -9 of `run --processes 4`: the workers must not run on past their
// parent, and the shard a worker leaves is refused, never judged alone.
TEST(RunHardening, WorkersDieWithTheirKilledParentAndALoneShardIsRefused) {
  ScratchDir dir("orphans");
  const std::string out = dir.file("h.pb");
  ChildProcess run(isocheck::testing::isocheck_binary(),
                   {"run", "--dsn", shared_cluster_dsn(), "--processes", "4", "--clients", "4",
                    "--duration", "120s", "--out", out, "--quiet", "--keys", "6"},
                   dir.file("run"));
  auto deadline = std::chrono::steady_clock::now() + seconds(30);
  while (size_or_zero(out + ".shard0") < 4096 && std::chrono::steady_clock::now() < deadline &&
         !run.wait_for_exit(milliseconds(10))) {
  }
  ASSERT_GE(size_or_zero(out + ".shard0"), 4096u) << run.err();
  std::vector<pid_t> workers = child_processes(run.pid());
  ASSERT_EQ(workers.size(), 4u);
  run.kill_hard();
  ASSERT_EQ(run.wait_for_exit(seconds(10)), 128 + SIGKILL);
  auto gone = [](pid_t pid) {
    char state = process_state(pid);
    return state == '?' || state == 'Z' || state == 'X';
  };
  deadline = std::chrono::steady_clock::now() + seconds(20);
  while (!std::all_of(workers.begin(), workers.end(), gone) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  for (pid_t w : workers) EXPECT_TRUE(gone(w)) << "worker " << w << " outlived its parent";

  Finished check = run_isocheck(dir, "check", {"check", out + ".shard0"});
  EXPECT_EQ(check.code, 2) << check.out << check.err;
  EXPECT_EQ(lines(check.err), 1u) << check.err;
  EXPECT_NE(check.err.find("shard 1 of 5"), std::string::npos) << check.err;
  EXPECT_EQ(check.out.find("VALID"), std::string::npos) << check.out;
}

TEST(RunHardening, CleanupDropsOnlyStaleRunTables) {
  ScratchDir dir("cleanup");
  PgConnection admin(shared_cluster_dsn());
  admin.exec("CREATE TABLE isocheck_dead01_list (k bigint)");
  admin.exec("CREATE TABLE isocheck_beef02_list (k bigint)");
  admin.exec("CREATE TABLE isocheck_notes (k bigint)");
  // A run in progress: its clients carry the table in application_name.
  PgConnection live(shared_cluster_dsn(), seconds(10), "isocheck-isocheck_beef02_list");
  Finished f = run_isocheck(dir, "cleanup", {"run", "--cleanup", "--dsn", shared_cluster_dsn()});
  EXPECT_EQ(f.code, 0) << f.err;
  EXPECT_NE(f.out.find("dropped isocheck_dead01_list"), std::string::npos) << f.out;
  EXPECT_NE(f.out.find("kept isocheck_beef02_list"), std::string::npos) << f.out;
  PgResult left = admin.exec(
      "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relname IN "
      "('isocheck_dead01_list', 'isocheck_beef02_list', 'isocheck_notes')");
  EXPECT_EQ(left.text(0, 0), "isocheck_beef02_list,isocheck_notes");
  admin.exec("DROP TABLE isocheck_beef02_list, isocheck_notes");
}

}  // namespace
}  // namespace isocheck::runner::testing
