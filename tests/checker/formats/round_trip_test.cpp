#include <gtest/gtest.h>

#include "checker/formats/history_events.h"
#include "checker/formats/load_history.h"
#include "checker/formats/write_history.h"
#include "tests/checker/formats/format_test_support.h"
#include "tests/support/history_dsl.h"

namespace isocheck {
namespace {

using testing::expect_same_header;
using testing::expect_same_transactions;
using testing::TempDir;

const char* extension_of(HistoryFormat f) {
  switch (f) {
    case HistoryFormat::kProtobuf:
      return ".pb";
    case HistoryFormat::kJsonLines:
      return ".jsonl";
    case HistoryFormat::kEdn:
      return ".edn";
  }
  return "";
}

class RoundTrip : public ::testing::TestWithParam<HistoryFormat> {};

TEST_P(RoundTrip, ListAppendHistoryComesBackTheSame) {
  TempDir dir;
  History want = testing::sample_list_append_history();
  std::string path = dir.file(std::string("h") + extension_of(GetParam()));
  write_history(want, path, GetParam());
  LoadedHistory got = load_history(path);
  EXPECT_EQ(got.format, GetParam());
  EXPECT_TRUE(got.warnings.empty());
  expect_same_transactions(want, got.history);
  expect_same_header(want.header, got.history.header);
  EXPECT_EQ(got.history.header.workload, Workload::kListAppend);
}

TEST_P(RoundTrip, RegisterHistoryKeepsNilAndValueReads) {
  TempDir dir;
  History want = testing::sample_rw_register_history();
  std::string path = dir.file("h");
  write_history(want, path, GetParam());
  LoadedHistory got = load_history(path);
  EXPECT_EQ(got.format, GetParam());
  expect_same_transactions(want, got.history);
  EXPECT_EQ(got.history.header.workload, Workload::kRwRegister);
}

TEST_P(RoundTrip, PredicateHistoryKeepsPredicatesGroupsAndRows) {
  using namespace isocheck::testing;
  TempDir dir;
  HistoryDsl dsl;
  dsl.header().format_version = kHistoryFormatVersion;
  dsl.ok(0, {insert(1, 10, 0), insert(2, 20, 5), read_row(3, {})});
  dsl.ok(1, {read_group(5, {{2, 20, 5}}, 2), read_range(-4, 9, {{1, 10, 0}, {2, 20, 5}}),
             update(1, 11, 3, {{1, 10, 0}}), remove(2, {{2, 20, 5}}), remove(8, {})});
  dsl.info(2, {update(1, 12, 0, {{1, 11, 3}}), read_group(3, {})});
  dsl.ok(4, {count_of(read_group(3, {}, 2), 1), sum_keys_of(read_range(-4, 9, {}), 1),
             count_of(read_all_rows({}), 0)});
  dsl.info(5, {sum_keys_of(read_group(0, {}), 0)});
  dsl.final_read(3, {read_all_rows({{1, 11, 3}})});
  History want = dsl.build();
  std::string path = dir.file(std::string("p") + extension_of(GetParam()));
  write_history(want, path, GetParam());
  LoadedHistory got = load_history(path);
  EXPECT_EQ(got.format, GetParam());
  EXPECT_TRUE(got.warnings.empty());
  expect_same_transactions(want, got.history);
  EXPECT_EQ(got.history.header.workload, Workload::kPredicate);
}

TEST_P(RoundTrip, LargeHistoryCrossesBufferBoundaries) {
  // Enough events that every reader refills its 8 MB buffer several times.
  HistoryBuilder b;
  b.header().format_version = kHistoryFormatVersion;
  uint64_t index = 0;
  int64_t time = 0;
  for (int64_t t = 0; t < 60'000; ++t) {
    int64_t p = t % 7;
    b.begin_event({index++, p, EventType::kInvoke, time++});
    for (int64_t k = 0; k < 6; ++k) b.add_mop(MopKind::kAppend, t * 6 + k, t);
    b.add_mop(MopKind::kReadList, t % 11, 0);
    ASSERT_FALSE(b.end_event());
    b.begin_event({index++, p, t % 5 == 0 ? EventType::kFail : EventType::kOk, time++});
    for (int64_t k = 0; k < 6; ++k) b.add_mop(MopKind::kAppend, t * 6 + k, t);
    std::vector<int64_t> seen(static_cast<size_t>(t % 13), t);
    b.add_list_read(t % 11, seen);
    ASSERT_FALSE(b.end_event());
  }
  History want = std::move(b).finish();
  TempDir dir;
  std::string path = dir.file("big");
  write_history(want, path, GetParam());
  LoadedHistory got = load_history(path);
  expect_same_transactions(want, got.history);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, RoundTrip,
                         ::testing::Values(HistoryFormat::kProtobuf, HistoryFormat::kJsonLines,
                                           HistoryFormat::kEdn),
                         [](const auto& info) { return std::string(format_name(info.param)); });

TEST(RoundTripChain, ProtobufToJsonToEdnToProtobuf) {
  TempDir dir;
  History want = testing::sample_list_append_history();
  write_history(want, dir.file("a.pb"), HistoryFormat::kProtobuf);
  LoadedHistory a = load_history(dir.file("a.pb"));
  write_history(a.history, dir.file("b.jsonl"), HistoryFormat::kJsonLines);
  LoadedHistory b = load_history(dir.file("b.jsonl"));
  write_history(b.history, dir.file("c.edn"), HistoryFormat::kEdn);
  LoadedHistory c = load_history(dir.file("c.edn"));
  write_history(c.history, dir.file("d.pb"), HistoryFormat::kProtobuf);
  LoadedHistory d = load_history(dir.file("d.pb"));
  expect_same_transactions(want, d.history);
  EXPECT_EQ(d.history.header.workload, Workload::kListAppend);
}

TEST(HistoryEvents, AreInIndexOrderWithoutCompletionsForOpenInvocations) {
  History h = testing::sample_list_append_history();
  std::vector<HistoryEvent> events = history_events(h);
  size_t completed = 0;
  for (const Txn& t : h.txns) completed += t.completed();
  EXPECT_EQ(events.size(), h.txns.size() + completed);
  for (size_t i = 1; i < events.size(); ++i) EXPECT_LT(events[i - 1].index(h), events[i].index(h));
}

}  // namespace
}  // namespace isocheck
