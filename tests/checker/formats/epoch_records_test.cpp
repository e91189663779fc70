// Epoch marks (History::epochs) in every format: they survive a round trip
// at their exact place among the events, stay out of the transactions, and
// marks out of sequence or malformed are refused with the field named.
#include <gtest/gtest.h>

#include "checker/formats/load_error.h"
#include "checker/formats/load_history.h"
#include "checker/formats/write_history.h"
#include "proto/history.pb.h"
#include "tests/checker/formats/format_test_support.h"
#include "tests/support/history_dsl.h"

namespace isocheck {
namespace {

using testing::TempDir;
using namespace isocheck::testing;

// Two epochs, each with a transaction and a closing read, and a final read
// after them.
History history_with_epochs() {
  HistoryDsl h;
  h.header().format_version = kHistoryFormatVersion;
  h.header().workload = Workload::kListAppend;
  h.open_epoch(0, 0);
  h.ok(0, {append(0, 1)});
  h.final_read(-1, {read_list(0, {1})});
  h.close_epoch(0, 0, 1);
  h.open_epoch(1, 1);
  h.ok(0, {append(1, 1)});
  h.final_read(-2, {read_list(1, {1})});
  h.close_epoch(1, 1, 2);
  h.final_read(9, {read_list(0, {1}), read_list(1, {1})});
  return h.build();
}

void expect_same_epochs(const std::vector<EpochMark>& want, const std::vector<EpochMark>& got) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].number, want[i].number) << i;
    EXPECT_EQ(got[i].phase, want[i].phase) << i;
    EXPECT_EQ(got[i].key_low, want[i].key_low) << i;
    EXPECT_EQ(got[i].key_end, want[i].key_end) << i;
    EXPECT_EQ(got[i].time_ns, want[i].time_ns) << i;
    EXPECT_EQ(got[i].events_before, want[i].events_before) << i;
  }
}

class EpochRoundTrip : public ::testing::TestWithParam<HistoryFormat> {};

TEST_P(EpochRoundTrip, MarksComeBackAtTheirPlaceAndStayOutOfTransactions) {
  TempDir dir;
  History want = history_with_epochs();
  ASSERT_EQ(want.epochs.size(), 4u);
  EXPECT_EQ(want.epochs[1].events_before, 4u);  // after two transactions' four events
  std::string path = dir.file("h");
  write_history(want, path, GetParam());
  LoadedHistory got = load_history(path);
  EXPECT_EQ(got.format, GetParam());
  expect_same_epochs(want.epochs, got.history.epochs);
  testing::expect_same_transactions(want, got.history);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, EpochRoundTrip,
                         ::testing::Values(HistoryFormat::kProtobuf, HistoryFormat::kJsonLines,
                                           HistoryFormat::kEdn));

TEST(EpochRecords, TextFormatsSpellThemAsDocumented) {
  TempDir dir;
  std::string edn = dir.file("h.edn");
  std::string jsonl = dir.file("h.jsonl");
  write_history(history_with_epochs(), edn, HistoryFormat::kEdn);
  write_history(history_with_epochs(), jsonl, HistoryFormat::kJsonLines);
  EXPECT_NE(testing::read_file(edn).find("{:type :info, :process :isocheck, :f :epoch, "
                                         ":isocheck/epoch [1 :closed 1 2], :time "),
            std::string::npos)
      << testing::read_file(edn);
  EXPECT_NE(testing::read_file(jsonl).find(
                "{\"epoch\":{\"number\":0,\"phase\":\"open\",\"key_low\":0,\"key_end\":0,"),
            std::string::npos)
      << testing::read_file(jsonl);
}

void expect_refused(const std::string& path, const std::string& field, const std::string& what) {
  try {
    load_history(path);
    FAIL() << "loaded " << path;
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
  }
}

TEST(EpochRecords, AClosedMarkWithoutItsOpenMarkIsRefused) {
  TempDir dir;
  std::string path = dir.file("h.jsonl");
  testing::write_file(path,
                      "{\"epoch\":{\"number\":0,\"phase\":\"closed\",\"key_low\":0,"
                      "\"key_end\":4,\"time\":1}}\n");
  expect_refused(path, "epoch.phase", "closes without being open");
}

TEST(EpochRecords, EpochsWhoseKeysOverlapAreRefused) {
  TempDir dir;
  std::string path = dir.file("h.edn");
  testing::write_file(path,
                      "{:type :info, :process :isocheck, :f :epoch, :isocheck/epoch [0 :open 0 0], "
                      ":time 1}\n"
                      "{:type :info, :process :isocheck, :f :epoch, :isocheck/epoch [0 :closed 0 "
                      "8], :time 2}\n"
                      "{:type :info, :process :isocheck, :f :epoch, :isocheck/epoch [1 :open 5 5], "
                      ":time 3}\n");
  expect_refused(path, "epoch.key_low", "overlaps the keys of epoch 0");
}

TEST(EpochRecords, AnUnknownPhaseIsRefused) {
  TempDir dir;
  std::string path = dir.file("h.edn");
  testing::write_file(path,
                      "{:type :info, :process :isocheck, :f :epoch, :isocheck/epoch [0 :half 0 0], "
                      ":time 1}\n");
  expect_refused(path, "line 1", ":half is not :open or :closed");
}

// Version 1 predates epoch records.
TEST(EpochRecords, ProtobufVersionOneFileWithAnEpochIsRefused) {
  TempDir dir;
  std::string path = dir.file("h.pb");
  std::string bytes;
  auto append_record = [&](const proto::Record& r) {
    std::string body = r.SerializeAsString();
    ASSERT_LT(body.size(), 128u);
    bytes.push_back(static_cast<char>(body.size()));
    bytes += body;
  };
  proto::Record header;
  header.mutable_header()->set_magic("isocheck-history");
  header.mutable_header()->set_format_version(1);
  append_record(header);
  proto::Record epoch;
  epoch.mutable_epoch()->set_number(0);
  append_record(epoch);
  testing::write_file(path, bytes);
  expect_refused(path, "record 1", "format_version 2");
}

}  // namespace
}  // namespace isocheck
