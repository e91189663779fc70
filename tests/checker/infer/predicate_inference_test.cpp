// Predicate inference and the checks built on it, on histories built by
// hand: each anomaly the predicate workload can show, and the same history
// without it.
#include "checker/infer/predicate_inference.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checker/check/check_history.h"
#include "tests/checker/infer/inference_matchers.h"
#include "tests/support/anomaly_counts.h"
#include "tests/support/history_dsl.h"

namespace isocheck {
namespace {

using namespace isocheck::testing;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using K = AnomalyKind;

// T1 reads group 0 twice; T2 inserts into it in between.
History phantom_history(int64_t inserted_group) {
  HistoryDsl h;
  h.ok(0, {insert(1, 10, 0)});
  const bool phantom = inserted_group == 0;
  std::vector<Row> second = {{1, 10, 0}};
  if (phantom) second.push_back({2, 20, 0});
  uint32_t t1 =
      h.invoke(1, {read_group(0, {{1, 10, 0}}), read_row(1, {{1, 10, 0}}), read_group(0, second)});
  h.ok(2, {insert(2, 20, inserted_group)});
  h.complete_ok(t1);
  return h.build();
}

TEST(PredicatePhantom, ReRunReadThatSeesAnotherTransactionsInsertIsAPhantom) {
  History hist = phantom_history(0);
  Inference inf = infer_predicate(hist);
  EXPECT_THAT(anomaly_names(inf), ElementsAre("phantom"));
  EXPECT_THAT(inf.anomalies.front().summary, HasSubstr("group = 0"));
  // The first read missed T2's row, the second saw it: a G-single through
  // the predicate.
  EXPECT_THAT(edge_texts(inf), Contains("T1 rw-predicate T2"));
  EXPECT_THAT(edge_texts(inf), Contains("T2 wr T1"));
  CheckResult si = check_against(hist, "snapshot-isolation");
  EXPECT_EQ(si.valid, Validity::kInvalid);
  EXPECT_EQ(count_of(si, K::kPhantom), 1u);
  EXPECT_EQ(count_of(si, K::kGSingle), 1u);
  // Adya's PL-2.99 forbids item cycles only: phantoms pass it.
  EXPECT_EQ(check_against(hist, "repeatable-read").valid, Validity::kValid);
}

TEST(PredicatePhantom, InsertOutsideThePredicateIsNoPhantom) {
  History hist = phantom_history(1);
  Inference inf = infer_predicate(hist);
  EXPECT_THAT(anomaly_names(inf), IsEmpty());
  EXPECT_EQ(check_against(hist, "strict-serializable").valid, Validity::kValid);
}

TEST(PredicatePhantom, OwnWritesBetweenTheRunsAreNoPhantom) {
  HistoryDsl h;
  h.ok(0, {insert(1, 10, 0)});
  h.ok(1, {read_group(0, {{1, 10, 0}}), insert(2, 20, 0), update(1, 11, 3, {{1, 10, 0}}),
           read_group(0, {{2, 20, 0}})});
  History hist = h.build();
  EXPECT_THAT(anomaly_names(infer_predicate(hist)), IsEmpty());
  EXPECT_EQ(check_against(hist, "strict-serializable").valid, Validity::kValid);
}

TEST(PredicatePhantom, SameRowsWithOtherValuesIsANonrepeatableReadNotAPhantom) {
  HistoryDsl h;
  h.ok(0, {insert(1, 10, 0)});
  uint32_t t1 = h.invoke(1, {read_group(0, {{1, 10, 0}})});
  h.complete_ok(t1);
  uint32_t t2 = h.invoke(2, {read_group(0, {{1, 10, 0}}), read_group(0, {{1, 11, 0}})});
  h.ok(3, {update(1, 11, 0, {{1, 10, 0}})});
  h.complete_ok(t2);
  EXPECT_THAT(anomaly_names(infer_predicate(h.build())), ElementsAre("internal"));
}

// The on-call pattern: both read one row in on-call group 5 and both insert.
History on_call_history(bool concurrent) {
  HistoryDsl h;
  h.ok(0, {insert(1, 10, 5)});
  if (concurrent) {
    uint32_t t1 = h.invoke(1, {read_group(5, {{1, 10, 5}}, 2), insert(2, 20, 5)});
    uint32_t t2 = h.invoke(2, {read_group(5, {{1, 10, 5}}, 2), insert(3, 30, 5)});
    h.complete_ok(t1);
    h.complete_ok(t2);
    h.final_read(3, {read_all_rows({{1, 10, 5}, {2, 20, 5}, {3, 30, 5}})});
  } else {
    h.ok(1, {read_group(5, {{1, 10, 5}}, 2), insert(2, 20, 5)});
    h.ok(2, {read_group(5, {{1, 10, 5}, {2, 20, 5}}, 2)});
    h.final_read(3, {read_all_rows({{1, 10, 5}, {2, 20, 5}})});
  }
  return h.build();
}

TEST(PredicateWriteSkew, ConcurrentOnCallInsertsArePredicateG2AndOverbook) {
  History hist = on_call_history(true);
  Inference inf = infer_predicate(hist);
  EXPECT_THAT(anomaly_names(inf), ElementsAre("on-call-overbooked"));
  EXPECT_THAT(edge_texts(inf), Contains("T1 rw-predicate T2"));
  EXPECT_THAT(edge_texts(inf), Contains("T2 rw-predicate T1"));
  CheckResult ser = check_against(hist, "serializable");
  EXPECT_EQ(ser.valid, Validity::kInvalid);
  EXPECT_EQ(count_of(ser, K::kG2), 1u);
  EXPECT_EQ(count_of(ser, K::kG2Item), 0u);
  const Anomaly& g2 = ser.witnesses.at(K::kG2).front();
  ASSERT_EQ(g2.steps.size(), 2u);
  EXPECT_THAT(g2.steps[0], HasSubstr("predicate read (group = 5) did not return key"));
  EXPECT_THAT(g2.steps[0], HasSubstr("(rw-predicate)"));
  // Snapshot isolation allows write skew, through a predicate too.
  EXPECT_EQ(check_against(hist, "snapshot-isolation").valid, Validity::kValid);
}

TEST(PredicateWriteSkew, SerialOnCallTransactionsShowNothing) {
  History hist = on_call_history(false);
  EXPECT_THAT(anomaly_names(infer_predicate(hist)), IsEmpty());
  EXPECT_EQ(check_against(hist, "strict-serializable").valid, Validity::kValid);
}

// T1 sees row 1 in group 0 before T2 moves it out, and row 2 after T2
// updated it: one predicate anti-dependency and one wr.
History read_skew_history(bool after) {
  HistoryDsl h;
  h.ok(0, {insert(1, 10, 0), insert(2, 20, 1)});
  const Row row2 = after ? Row{2, 21, 1} : Row{2, 20, 1};
  uint32_t t1 = h.invoke(1, {read_group(0, {{1, 10, 0}}), read_row(2, {row2})});
  h.ok(2, {update(1, 11, 1, {{1, 10, 0}}), update(2, 21, 1, {{2, 20, 1}})});
  h.complete_ok(t1);
  return h.build();
}

TEST(PredicateGSingle, ReadSkewThroughAPredicateIsGSingle) {
  History hist = read_skew_history(true);
  CheckResult si = check_against(hist, "snapshot-isolation");
  EXPECT_EQ(si.valid, Validity::kInvalid);
  EXPECT_EQ(count_of(si, K::kGSingle), 1u);
  EXPECT_EQ(count_of(si, K::kGSingleItem), 0u);
  const Anomaly& w = si.witnesses.at(K::kGSingle).front();
  EXPECT_THAT(w.summary, HasSubstr("rw-predicate"));
  EXPECT_EQ(check_against(hist, "repeatable-read").valid, Validity::kValid);
}

TEST(PredicateGSingle, ConsistentSnapshotIsNoGSingle) {
  History hist = read_skew_history(false);
  EXPECT_EQ(check_against(hist, "strict-serializable").valid, Validity::kValid);
}

// Each inserts a row and reads the group, seeing the other's insert.
TEST(PredicateG1c, CircularInformationFlowThroughPredicateReads) {
  HistoryDsl h;
  uint32_t t0 = h.invoke(0, {insert(1, 10, 0), read_group(0, {{1, 10, 0}, {2, 20, 0}})});
  uint32_t t1 = h.invoke(1, {insert(2, 20, 0), read_group(0, {{1, 10, 0}, {2, 20, 0}})});
  h.complete_ok(t0);
  h.complete_ok(t1);
  History hist = h.build();
  CheckResult rc = check_against(hist, "read-committed");
  EXPECT_EQ(rc.valid, Validity::kInvalid);
  EXPECT_EQ(count_of(rc, K::kG1c), 1u);
}

TEST(PredicateG1c, OneWayFlowIsNoG1c) {
  HistoryDsl h;
  uint32_t t0 = h.invoke(0, {insert(1, 10, 0), read_group(0, {{1, 10, 0}})});
  uint32_t t1 = h.invoke(1, {insert(2, 20, 0), read_group(0, {{1, 10, 0}, {2, 20, 0}})});
  h.complete_ok(t0);
  h.complete_ok(t1);
  EXPECT_EQ(check_against(h.build(), "strict-serializable").valid, Validity::kValid);
}

TEST(PredicateRows, RangeReadsDeletesAndUpdatesOfASerialHistoryShowNothing) {
  HistoryDsl h;
  h.ok(0, {insert(1, 10, 0), insert(2, 20, 0), insert(5, 50, 1)});
  h.ok(1, {read_range(1, 4, {{1, 10, 0}, {2, 20, 0}}), remove(2, {{2, 20, 0}})});
  h.ok(2, {read_range(1, 4, {{1, 10, 0}}), update(1, 11, 1, {{1, 10, 0}}), read_row(9, {})});
  h.ok(3, {read_group(1, {{1, 11, 1}, {5, 50, 1}}), remove(7, {})});
  h.final_read(4, {read_all_rows({{1, 11, 1}, {5, 50, 1}})});
  History hist = h.build();
  Inference inf = infer_predicate(hist);
  EXPECT_THAT(anomaly_names(inf), IsEmpty());
  EXPECT_THAT(edge_texts(inf), Contains("T0 ww T1"));  // T1 deleted T0's row 2
  EXPECT_THAT(edge_texts(inf), Contains("T0 ww T2"));  // T2 updated T0's row 1
  // T2's range no longer had row 2: absent before T0 inserted it or after
  // T1 deleted it — no evidence, no edge.
  EXPECT_THAT(edge_texts(inf), Not(Contains("T1 wr T2")));
  EXPECT_EQ(check_against(hist, "strict-serializable").valid, Validity::kValid);
}

TEST(PredicateRows, AbortedGarbageAndLostReads) {
  HistoryDsl h;
  h.fail(0, {insert(1, 10, 0)});
  h.ok(1, {insert(2, 20, 0)});
  h.ok(2, {read_group(0, {{1, 10, 0}, {2, 20, 0}, {3, 99, 0}})});
  h.ok(3, {update(2, 21, 0, {{2, 20, 0}})});
  h.ok(4, {update(2, 22, 0, {{2, 20, 0}})});
  h.final_read(5, {read_all_rows({{2, 21, 0}})});
  Inference inf = infer_predicate(h.build());
  EXPECT_THAT(anomaly_names(inf), ElementsAre("G1a", "garbage-read", "lost-update"));
}

TEST(PredicateRows, FinalReadMissingACommittedInsertIsALostWrite) {
  HistoryDsl h;
  h.ok(0, {insert(1, 10, 0), insert(2, 20, 0)});
  h.final_read(1, {read_all_rows({{1, 10, 0}})});
  Inference inf = infer_predicate(h.build());
  EXPECT_THAT(anomaly_names(inf), ElementsAre("lost-write"));
  EXPECT_THAT(find_anomaly(inf, K::kLostWrite)->summary, HasSubstr("found it absent"));
}

// A delete whose outcome is unknown may have removed the row: neither a
// lost write nor evidence that later reads saw the row's absence.
TEST(PredicateRows, ADeleteOfUnknownOutcomeMayExplainAMissingRow) {
  HistoryDsl h;
  h.ok(0, {insert(1, 10, 0)});
  h.info(1, {remove(1, {{1, 10, 0}})});
  h.ok(2, {read_group(0, {})});
  h.final_read(3, {read_all_rows({})});
  History hist = h.build();
  Inference inf = infer_predicate(hist);
  EXPECT_THAT(anomaly_names(inf), IsEmpty());
  EXPECT_THAT(edge_texts(inf), Not(Contains("T2 rw-predicate T0")));
}

}  // namespace
}  // namespace isocheck
