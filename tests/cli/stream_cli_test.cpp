// `isocheck check --stream` through the executable: a history in epochs is
// checked epoch by epoch with the whole-file verdict, and a file it cannot
// cut — no epoch marks, or a text format — is one line and exit 2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "checker/formats/write_history.h"
#include "tests/support/history_dsl.h"
#include "tests/support/isocheck_command.h"

namespace isocheck {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using namespace isocheck::testing;

class StreamCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("isocheck-stream-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string file(const std::string& name) const { return (dir_ / name).string(); }
  CommandOutput isocheck(const std::string& args) { return run_isocheck(args, file("stderr.txt")); }
  fs::path dir_;
};

// One epoch holding a write skew, closed by its read, and the final read.
History write_skew_in_an_epoch(bool with_marks) {
  HistoryDsl h;
  h.header().format_version = 2;
  h.header().workload = Workload::kListAppend;
  if (with_marks) h.open_epoch(0, 0);
  uint32_t a = h.invoke(0, {read_list(0, {}), append(1, 1)});
  uint32_t b = h.invoke(1, {read_list(1, {}), append(0, 1)});
  h.complete_ok(a);
  h.complete_ok(b);
  h.final_read(-1, {read_list(0, {1}), read_list(1, {1})});
  if (with_marks) h.close_epoch(0, 0, 2);
  h.final_read(5, {read_list(0, {1}), read_list(1, {1})});
  return h.build();
}

TEST_F(StreamCli, ChecksEpochByEpochWithTheWholeFilesVerdict) {
  write_history(write_skew_in_an_epoch(true), file("h.pb"), HistoryFormat::kProtobuf);
  CommandOutput whole = isocheck("check --model serializable " + file("h.pb"));
  CommandOutput streamed = isocheck("check --stream --model serializable " + file("h.pb"));
  EXPECT_EQ(whole.exit_code, 1) << whole.out << whole.err;
  EXPECT_EQ(streamed.exit_code, 1) << streamed.out << streamed.err;
  EXPECT_THAT(streamed.out, HasSubstr("checked epoch by epoch: 1 epochs"));
  EXPECT_THAT(streamed.out, HasSubstr("epoch 0: G2-item"));
}

TEST_F(StreamCli, AFileWithoutEpochMarksIsOneLineAndExit2) {
  write_history(write_skew_in_an_epoch(false), file("h.pb"), HistoryFormat::kProtobuf);
  CommandOutput r = isocheck("check --stream " + file("h.pb"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("epoch: no epoch mark before the first event"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST_F(StreamCli, ATextFormatIsOneLineAndExit2) {
  write_history(write_skew_in_an_epoch(true), file("h.jsonl"), HistoryFormat::kJsonLines);
  CommandOutput r = isocheck("check --stream " + file("h.jsonl"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("check --stream reads protobuf histories only"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
}  // namespace isocheck
