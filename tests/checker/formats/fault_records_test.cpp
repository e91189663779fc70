// Fault records (History::faults) in every format: they survive a round
// trip, keep their place among the events by time, stay out of the
// transactions, and bad ones are refused with the field named.
#include <gtest/gtest.h>

#include "checker/formats/load_error.h"
#include "checker/formats/load_history.h"
#include "checker/formats/write_history.h"
#include "proto/history.pb.h"
#include "tests/checker/formats/format_test_support.h"

namespace isocheck {
namespace {

using testing::TempDir;

// Two transactions with a kill window between them and a pause that starts
// before the first ends and never heals.
History history_with_faults() {
  HistoryBuilder b;
  b.header().format_version = kHistoryFormatVersion;
  b.header().workload = Workload::kListAppend;
  testing::add_event(b, 0, 0, EventType::kInvoke, 100);
  b.add_mop(MopKind::kAppend, 1, 10);
  testing::end_event(b);
  EXPECT_FALSE(b.add_fault({"pause", FaultPhase::kStart, "embedded:5432", "SIGSTOP \"pm\"", 150}));
  testing::add_event(b, 1, 0, EventType::kOk, 200);
  testing::end_event(b);
  EXPECT_FALSE(b.add_fault({"kill", FaultPhase::kStart, "embedded:5432", "SIGKILL 4711", 300}));
  EXPECT_FALSE(b.add_fault({"kill", FaultPhase::kHeal, "embedded:5432", "restarted", 400}));
  testing::add_event(b, 2, 1, EventType::kInvoke, 500);
  b.add_mop(MopKind::kReadList, 1, 0);
  testing::end_event(b);
  testing::add_event(b, 3, 1, EventType::kOk, 600);
  b.add_list_read(1, std::vector<int64_t>{10});
  testing::end_event(b);
  return std::move(b).finish();
}

void expect_same_faults(const std::vector<Fault>& want, const std::vector<Fault>& got) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].kind, want[i].kind) << i;
    EXPECT_EQ(got[i].phase, want[i].phase) << i;
    EXPECT_EQ(got[i].target, want[i].target) << i;
    EXPECT_EQ(got[i].detail, want[i].detail) << i;
    EXPECT_EQ(got[i].time_ns, want[i].time_ns) << i;
  }
}

class FaultRoundTrip : public ::testing::TestWithParam<HistoryFormat> {};

TEST_P(FaultRoundTrip, FaultsComeBackInTimeOrderAndStayOutOfTransactions) {
  TempDir dir;
  History want = history_with_faults();
  std::string path = dir.file("h");
  write_history(want, path, GetParam());
  LoadedHistory got = load_history(path);
  EXPECT_EQ(got.format, GetParam());
  expect_same_faults(want.faults, got.history.faults);
  testing::expect_same_transactions(want, got.history);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, FaultRoundTrip,
                         ::testing::Values(HistoryFormat::kProtobuf, HistoryFormat::kJsonLines,
                                           HistoryFormat::kEdn));

TEST(FaultRecords, EdnWritesThemAsNemesisOps) {
  TempDir dir;
  std::string path = dir.file("h.edn");
  write_history(history_with_faults(), path, HistoryFormat::kEdn);
  std::string text = testing::read_file(path);
  EXPECT_NE(text.find("{:type :info, :process :nemesis, :f :start, :fault :kill, :target "
                      "\"embedded:5432\", :value \"SIGKILL 4711\", :time 300}"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(":f :stop, :fault :kill"), std::string::npos) << text;
}

TEST(FaultRecords, JepsensOwnNemesisOpsAreSkipped) {
  TempDir dir;
  std::string path = dir.file("h.edn");
  testing::write_file(path,
                      "{:type :invoke, :f :txn, :value [[:append 1 1]], :process 0, :time 1}\n"
                      "{:type :info, :f :start, :value nil, :process :nemesis, :time 2}\n"
                      "{:type :ok, :f :txn, :value [[:append 1 1]], :process 0, :time 3}\n");
  LoadedHistory got = load_history(path);
  EXPECT_TRUE(got.history.faults.empty());
  EXPECT_EQ(got.history.txns.size(), 1u);
}

TEST(FaultRecords, EdnFaultWithAnUnknownPhaseIsRefused) {
  TempDir dir;
  std::string path = dir.file("h.edn");
  testing::write_file(path, "{:type :info, :f :begin, :fault :kill, :process :nemesis, :time 2}\n");
  try {
    load_history(path);
    FAIL() << "loaded";
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find("line 1"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(":begin is not :start or :stop"), std::string::npos)
        << e.what();
  }
}

TEST(FaultRecords, JsonLinesFaultWithAnUnknownPhaseIsRefused) {
  TempDir dir;
  std::string path = dir.file("h.jsonl");
  testing::write_file(path, "{\"fault\":{\"kind\":\"kill\",\"phase\":\"middle\",\"time\":1}}\n");
  try {
    load_history(path);
    FAIL() << "loaded";
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find("fault.phase"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("middle"), std::string::npos) << e.what();
  }
}

TEST(FaultRecords, KindThatIsNotAPlainNameIsRefused) {
  TempDir dir;
  std::string path = dir.file("h.jsonl");
  testing::write_file(path, "{\"fault\":{\"kind\":\"kill -9\",\"phase\":\"start\",\"time\":1}}\n");
  try {
    load_history(path);
    FAIL() << "loaded";
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find("fault.kind"), std::string::npos) << e.what();
  }
}

// Version 1 predates fault records: a file that claims version 1 and holds
// one is not what it says it is.
TEST(FaultRecords, ProtobufVersionOneFileWithAFaultIsRefused) {
  TempDir dir;
  std::string path = dir.file("h.pb");
  std::string bytes;
  auto append = [&](const proto::Record& r) {
    std::string body = r.SerializeAsString();
    ASSERT_LT(body.size(), 128u);
    bytes.push_back(static_cast<char>(body.size()));
    bytes += body;
  };
  proto::Record header;
  header.mutable_header()->set_magic("isocheck-history");
  header.mutable_header()->set_format_version(1);
  append(header);
  proto::Record fault;
  fault.mutable_fault()->set_kind("kill");
  append(fault);
  testing::write_file(path, bytes);
  try {
    load_history(path);
    FAIL() << "loaded";
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find("record 1"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("format_version 2"), std::string::npos) << e.what();
  }
}

TEST(FaultWindows, PairStartsWithTheNextHealOfTheSameKindAndTarget) {
  std::vector<Fault> faults = {
      {"kill", FaultPhase::kStart, "a", "", 10}, {"pause", FaultPhase::kStart, "a", "", 12},
      {"kill", FaultPhase::kHeal, "b", "", 14},  {"kill", FaultPhase::kHeal, "a", "", 20},
      {"pause", FaultPhase::kHeal, "a", "", 30}, {"terminate", FaultPhase::kHeal, "a", "", 31},
      {"kill", FaultPhase::kStart, "a", "", 40},
  };
  std::vector<FaultWindow> w = fault_windows(faults, 99);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].kind, "kill");
  EXPECT_EQ(w[0].start_ns, 10);
  EXPECT_EQ(w[0].heal_ns, 20);
  EXPECT_TRUE(w[0].healed);
  EXPECT_EQ(w[1].kind, "pause");
  EXPECT_EQ(w[1].heal_ns, 30);
  EXPECT_EQ(w[2].start_ns, 40);
  EXPECT_EQ(w[2].heal_ns, 99);
  EXPECT_FALSE(w[2].healed);
}

}  // namespace
}  // namespace isocheck
