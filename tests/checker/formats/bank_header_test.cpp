// Every fact a verdict needs survives every format (issue 11): a bank
// history keeps its accounts and total through EDN and JSON lines, and a
// bank history that does not record them is refused, never checked against
// a total of 0.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checker/check/check_history.h"
#include "checker/formats/load_history.h"
#include "checker/formats/write_history.h"
#include "tests/checker/formats/format_test_support.h"
#include "tests/support/history_dsl.h"

namespace isocheck {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

// Two accounts holding 100; one transfer; three balance reads, the last of
// which sees half a transfer: exactly one wrong total.
History bank_history() {
  using namespace testing;
  HistoryDsl h;
  h.header().workload = Workload::kBank;
  h.header().isolation = "serializable";
  h.header().bank_accounts = 2;
  h.header().bank_total = 100;
  h.ok(0, {read(0, 60), read(1, 40)});
  h.ok(1, {adjust(0, -10), adjust(1, 10)});
  h.ok(0, {read(0, 50), read(1, 50)});
  h.ok(2, {read(0, 50), read(1, 40)});
  return h.build();
}

CheckResult check(const History& h) {
  CheckOptions options;
  options.models = {"serializable"};
  return check_history(h, options);
}

TEST(BankHeader, AccountsAndTotalSurviveEveryFormatAndGiveTheSameVerdict) {
  TempDir dir;
  History original = bank_history();
  CheckResult want = check(original);
  ASSERT_EQ(want.counts[AnomalyKind::kWrongTotal], 1u);
  write_history(original, dir.file("bank.pb"), HistoryFormat::kProtobuf);
  History from_pb = load_history(dir.file("bank.pb")).history;
  for (HistoryFormat f : {HistoryFormat::kEdn, HistoryFormat::kJsonLines}) {
    SCOPED_TRACE(format_name(f));
    std::string path = dir.file(std::string("bank.") + format_name(f));
    write_history(from_pb, path, f);
    LoadedHistory got = load_history(path);
    testing::expect_same_header(from_pb.header, got.history.header);
    CheckResult r = check(got.history);
    EXPECT_EQ(r.valid, want.valid);
    EXPECT_EQ(r.counts, want.counts);
  }
}

TEST(BankHeader, BankHistoryWithoutItsTotalIsRefused) {
  TempDir dir;
  // Jepsen EDN and JSON lines without a header line: the micro-ops say bank, nothing says
  // the total.
  testing::write_file(dir.file("bank.edn"),
                      "{:type :invoke, :f :txn, :value [[:r 0 nil] [:r 1 nil]], :process 0}\n"
                      "{:type :ok, :f :txn, :value [[:r 0 60] [:r 1 40]], :process 0}\n"
                      "{:type :invoke, :f :txn, :value [[:adjust 0 -10] [:adjust 1 10]], "
                      ":process 1}\n");
  testing::write_file(dir.file("bank.jsonl"),
                      R"({"process":1,"type":"invoke","value":[["adjust",0,-10],["adjust",1,10]]})"
                      "\n");
  for (const char* name : {"bank.edn", "bank.jsonl"}) {
    SCOPED_TRACE(name);
    try {
      load_history(dir.file(name));
      ADD_FAILURE() << "loaded a bank history without its total";
    } catch (const LoadError& e) {
      EXPECT_THAT(e.what(), HasSubstr(dir.file(name) + ": header: bank_total: missing"));
    }
  }
}

TEST(BankHeader, EdnHeaderOpMustComeFirst) {
  TempDir dir;
  History original = bank_history();
  write_history(original, dir.file("bank.edn"), HistoryFormat::kEdn);
  std::string text = testing::read_file(dir.file("bank.edn"));
  size_t first_end = text.find('\n') + 1;
  std::string header = text.substr(0, first_end);
  ASSERT_THAT(header, HasSubstr(":isocheck/header"));
  std::string moved = text.substr(first_end, text.find('\n', first_end) + 1 - first_end) + header +
                      text.substr(text.find('\n', first_end) + 1);
  testing::write_file(dir.file("moved.edn"), moved);
  try {
    load_history(dir.file("moved.edn"));
    ADD_FAILURE() << "a header after an op was accepted";
  } catch (const LoadError& e) {
    EXPECT_THAT(e.what(),
                HasSubstr("line 2: isocheck/header: only the first op may be the header"));
  }
}

}  // namespace
}  // namespace isocheck
