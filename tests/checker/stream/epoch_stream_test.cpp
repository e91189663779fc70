// check epoch by epoch (EpochSegmentReader + EpochStreamChecker): the union
// of the epochs' verdicts equals the whole-file check on hand-built
// histories with and without each anomaly the stream must see — a cycle
// inside an epoch, an acknowledged write lost before its epoch closed, and
// one lost after (a fault in a later epoch) — and files it cannot cut are
// refused.
#include <gtest/gtest.h>

#include "checker/check/check_history.h"
#include "checker/formats/load_error.h"
#include "checker/formats/write_history.h"
#include "checker/stream/epoch_segment_reader.h"
#include "checker/stream/epoch_stream_checker.h"
#include "tests/checker/formats/format_test_support.h"
#include "tests/support/anomaly_counts.h"
#include "tests/support/history_dsl.h"

namespace isocheck {
namespace {

using namespace isocheck::testing;

struct Shape {
  bool write_skew_in_epoch_1 = false;
  bool lost_before_close = false;  // epoch 0's closing read lacks key 0's append
  bool lost_after_close = false;   // the final read after the run lacks it
};

// Epoch 0 owns keys 0 and 1, epoch 1 keys 2 and 3; each ends with its
// closing read (processes -1, -2); the final read after the run reads all.
History two_epochs(const Shape& s) {
  HistoryDsl h;
  h.header().format_version = kHistoryFormatVersion;
  h.header().workload = Workload::kListAppend;
  h.open_epoch(0, 0);
  h.ok(0, {append(0, 1)});
  h.ok(1, {read_list(0, {1}), append(1, 1)});
  const std::vector<int64_t> key0 =
      s.lost_before_close ? std::vector<int64_t>{} : std::vector<int64_t>{1};
  h.final_read(-1, {read_list(0, key0), read_list(1, {1})});
  h.close_epoch(0, 0, 2);
  h.open_epoch(1, 2);
  if (s.write_skew_in_epoch_1) {
    uint32_t a = h.invoke(0, {read_list(2, {}), append(3, 1)});
    uint32_t b = h.invoke(1, {read_list(3, {}), append(2, 1)});
    h.complete_ok(a);
    h.complete_ok(b);
  } else {
    h.ok(0, {read_list(2, {}), append(3, 1)});
    h.ok(1, {read_list(3, {1}), append(2, 1)});
  }
  h.final_read(-2, {read_list(2, {1}), read_list(3, {1})});
  h.close_epoch(1, 2, 4);
  const std::vector<int64_t> end0 =
      s.lost_before_close || s.lost_after_close ? std::vector<int64_t>{} : std::vector<int64_t>{1};
  h.final_read(7, {read_list(0, end0), read_list(1, {1})});
  h.final_read(7, {read_list(2, {1}), read_list(3, {1})});
  return h.build();
}

CheckOptions serializable() {
  CheckOptions o;
  o.models = {"strict-serializable"};
  return o;
}

struct Streamed {
  CheckResult result;
  uint64_t epochs = 0;
};

Streamed check_streamed(const std::string& path) {
  EpochSegmentReader reader(path);
  EpochStreamChecker checker(serializable());
  while (std::optional<EpochSegment> s = reader.next()) {
    if (s->epoch)
      checker.check_epoch(*s);
    else
      checker.check_after_run(*s);
  }
  return {checker.result(), checker.epochs_checked()};
}

class StreamEqualsWhole : public ::testing::TestWithParam<Shape> {};

TEST_P(StreamEqualsWhole, SameValidityAndCountsAsTheWholeFileCheck) {
  TempDir dir;
  History h = two_epochs(GetParam());
  std::string path = dir.file("h.pb");
  write_history(h, path, HistoryFormat::kProtobuf);
  CheckResult whole = check_history(h, serializable());
  Streamed streamed = check_streamed(path);
  EXPECT_EQ(streamed.epochs, 2u);
  EXPECT_EQ(streamed.result.valid, whole.valid);
  EXPECT_EQ(streamed.result.stats.transactions, whole.stats.transactions);
  EXPECT_EQ(count_of(streamed.result, AnomalyKind::kLostWrite),
            count_of(whole, AnomalyKind::kLostWrite));
  if (!GetParam().lost_after_close) {
    EXPECT_EQ(describe_counts(streamed.result), describe_counts(whole));
    EXPECT_EQ(streamed.result.violated, whole.violated);
    return;
  }
  // A loss after the epoch closed: the whole file also sees its echo, a
  // real-time cycle through the final read (it missed an append that had
  // completed before it began); the stream reports the loss itself.
  for (const auto& [kind, count] : streamed.result.counts)
    EXPECT_TRUE(whole.counts.contains(kind)) << anomaly_name(kind);
}

INSTANTIATE_TEST_SUITE_P(Shapes, StreamEqualsWhole,
                         ::testing::Values(Shape{}, Shape{.write_skew_in_epoch_1 = true},
                                           Shape{.lost_before_close = true},
                                           Shape{.lost_after_close = true}));

TEST(EpochStream, FindsTheWriteSkewInItsEpochWithItsTransactionsWrittenOut) {
  TempDir dir;
  std::string path = dir.file("h.pb");
  write_history(two_epochs({.write_skew_in_epoch_1 = true}), path, HistoryFormat::kProtobuf);
  Streamed s = check_streamed(path);
  EXPECT_EQ(s.result.valid, Validity::kInvalid);
  EXPECT_EQ(count_of(s.result, AnomalyKind::kG2Item), 1u) << describe_counts(s.result);
  const Anomaly& w = s.result.witnesses.at(AnomalyKind::kG2Item).front();
  EXPECT_EQ(w.summary.rfind("epoch 1: ", 0), 0u) << w.summary;
  EXPECT_TRUE(w.txns.empty());
  EXPECT_EQ(w.txn_text.size(), 2u);
}

// Epoch 1's write skew is T3 and T4 of the file (epoch 0 holds T0, T1 and
// its closing read T2) but T0 and T1 of the epoch: the witness must name them
// as `isocheck check` and `explain` of the whole file do.
TEST(EpochStream, WitnessesNameTransactionsAsTheWholeFileDoes) {
  TempDir dir;
  std::string path = dir.file("h.pb");
  History h = two_epochs({.write_skew_in_epoch_1 = true});
  write_history(h, path, HistoryFormat::kProtobuf);
  const CheckResult whole_result = check_history(h, serializable());
  const Streamed streamed = check_streamed(path);
  const Anomaly& whole = whole_result.witnesses.at(AnomalyKind::kG2Item).front();
  const Anomaly& w = streamed.result.witnesses.at(AnomalyKind::kG2Item).front();
  EXPECT_EQ(w.summary, "epoch 1: " + whole.summary);
  EXPECT_EQ(w.steps, whole.steps);
  ASSERT_EQ(w.cycle.size(), whole.cycle.size());
  for (size_t i = 0; i < w.cycle.size(); ++i) {
    EXPECT_EQ(w.cycle[i].from, whole.cycle[i].from);
    EXPECT_EQ(w.cycle[i].to, whole.cycle[i].to);
  }
  ASSERT_EQ(w.txn_text.size(), whole.txns.size());
  for (size_t i = 0; i < w.txn_text.size(); ++i)
    EXPECT_EQ(w.txn_text[i].substr(0, 3), "T" + std::to_string(whole.txns[i]) + " ");
  EXPECT_NE(w.summary.find("T4"), std::string::npos) << w.summary;
}

TEST(EpochStream, AWriteLostAfterItsEpochClosedIsALostWriteAndOnlyThen) {
  TempDir dir;
  std::string lost = dir.file("lost.pb");
  std::string kept = dir.file("kept.pb");
  write_history(two_epochs({.lost_after_close = true}), lost, HistoryFormat::kProtobuf);
  write_history(two_epochs({}), kept, HistoryFormat::kProtobuf);
  Streamed l = check_streamed(lost);
  EXPECT_EQ(count_of(l.result, AnomalyKind::kLostWrite), 1u) << describe_counts(l.result);
  EXPECT_NE(l.result.witnesses.at(AnomalyKind::kLostWrite).front().summary.find("epoch 0"),
            std::string::npos);
  Streamed k = check_streamed(kept);
  EXPECT_EQ(k.result.valid, Validity::kValid) << describe_counts(k.result);
}

TEST(EpochStream, AFileWithoutEpochMarksIsRefused) {
  TempDir dir;
  HistoryDsl h;
  h.header().format_version = kHistoryFormatVersion;
  h.ok(0, {append(0, 1)});
  std::string path = dir.file("h.pb");
  write_history(h.build(), path, HistoryFormat::kProtobuf);
  try {
    check_streamed(path);
    FAIL() << "checked";
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find("epoch: no epoch mark before the first event"),
              std::string::npos)
        << e.what();
  }
}

TEST(EpochStream, ATransactionCrossingABoundaryIsRefused) {
  TempDir dir;
  HistoryDsl h;
  h.header().format_version = kHistoryFormatVersion;
  h.open_epoch(0, 0);
  uint32_t t = h.invoke(0, {append(0, 1)});
  h.close_epoch(0, 0, 1);
  h.open_epoch(1, 1);
  h.complete_ok(t);
  h.close_epoch(1, 1, 2);
  std::string path = dir.file("h.pb");
  write_history(h.build(), path, HistoryFormat::kProtobuf);
  try {
    check_streamed(path);
    FAIL() << "checked";
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find("must complete in the epoch it began in"),
              std::string::npos)
        << e.what();
  }
}

TEST(AckedAppendsSummary, KeepsSortedAcknowledgedAppendsTheClosingReadShowed) {
  HistoryDsl h;
  h.ok(0, {append(5, 300), append(5, 2)});
  h.fail(1, {append(5, 7)});
  h.ok(2, {append(6, -4)});
  h.ok(3, {append(5, 9)});
  h.final_read(-1, {read_list(5, {2, 300}), read_list(6, {-4})});
  AckedAppends a(h.build(), 3, 5, 8);
  EXPECT_EQ(a.values_of(5), (std::vector<int64_t>{2, 300}));  // 9 not shown, 7 failed
  EXPECT_EQ(a.values_of(6), (std::vector<int64_t>{-4}));
  EXPECT_TRUE(a.values_of(7).empty());
  EXPECT_TRUE(a.values_of(8).empty());
  EXPECT_FALSE(a.owns(4));
}

}  // namespace
}  // namespace isocheck
