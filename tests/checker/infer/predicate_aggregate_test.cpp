// Aggregates over a predicate (count(*), sum(k)) on histories built by hand:
// what each proves — a re-run that differs (phantom), a count that rules a
// later write out (rw-predicate, so write skew through counts), a count no
// set of row versions could give — each with the same history without it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checker/check/check_history.h"
#include "checker/infer/predicate_inference.h"
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

// T1 counts group 0 twice; T2 inserts a row into `inserted_group` between.
History count_rerun_history(int64_t inserted_group, int64_t second_count) {
  HistoryDsl h;
  h.ok(0, {insert(1, 10, 0)});
  uint32_t t1 = h.invoke(1, {count_of(read_group(0, {}), 1), read_row(1, {{1, 10, 0}}),
                             count_of(read_group(0, {}), second_count)});
  h.ok(2, {insert(2, 20, inserted_group)});
  h.complete_ok(t1);
  return h.build();
}

TEST(AggregatePhantom, ACountThatChangesWithinOneTransactionIsAPhantom) {
  History hist = count_rerun_history(0, 2);
  Inference inf = infer_predicate(hist);
  EXPECT_THAT(anomaly_names(inf), ElementsAre("phantom"));
  EXPECT_THAT(
      inf.anomalies.front().summary,
      HasSubstr("found count(group = 0) = 1; in the same transaction count(group = 0) = 2"));
  CheckResult si = check_against(hist, "snapshot-isolation");
  EXPECT_EQ(si.valid, Validity::kInvalid);
  EXPECT_EQ(count_of(si, K::kPhantom), 1u);
  EXPECT_EQ(check_against(hist, "read-committed").valid, Validity::kValid);
}

TEST(AggregatePhantom, ACountThatStaysIsNoPhantom) {
  History hist = count_rerun_history(1, 1);
  EXPECT_THAT(anomaly_names(infer_predicate(hist)), IsEmpty());
  EXPECT_EQ(check_against(hist, "strict-serializable").valid, Validity::kValid);
}

// T1 sums the keys of [1, 9] twice; T2 deletes `deleted` in between.
History sum_rerun_history(int64_t deleted, int64_t second_sum) {
  HistoryDsl h;
  h.ok(0, {insert(1, 10, 0), insert(2, 20, 0), insert(30, 300, 0)});
  uint32_t t1 = h.invoke(1, {sum_keys_of(read_range(1, 9, {}), 3), read_row(30, {{30, 300, 0}}),
                             sum_keys_of(read_range(1, 9, {}), second_sum)});
  h.ok(2, {remove(deleted, {{deleted, deleted * 10, 0}})});
  h.complete_ok(t1);
  return h.build();
}

TEST(AggregatePhantom, ASumOfKeysThatShrinksAfterARowLeftIsAPhantom) {
  History hist = sum_rerun_history(2, 1);
  Inference inf = infer_predicate(hist);
  EXPECT_THAT(anomaly_names(inf), ElementsAre("phantom"));
  EXPECT_THAT(inf.anomalies.front().summary, HasSubstr("sum of keys(key in [1, 9]) = 1"));
  EXPECT_EQ(check_against(hist, "snapshot-isolation").valid, Validity::kInvalid);
}

TEST(AggregatePhantom, ADeleteOutsideTheRangeLeavesTheSumAndIsNoPhantom) {
  History hist = sum_rerun_history(30, 3);
  EXPECT_THAT(anomaly_names(infer_predicate(hist)), IsEmpty());
}

TEST(AggregatePhantom, RowsReadFirstGiveTheExactCountAndSum) {
  for (int64_t counted : {1, 2}) {
    HistoryDsl h;
    h.ok(0, {insert(1, 10, 0)});
    uint32_t t1 = h.invoke(
        1, {read_group(0, {{1, 10, 0}}), read_row(7, {}), count_of(read_group(0, {}), counted)});
    h.ok(2, {insert(2, 20, 0)});
    h.complete_ok(t1);
    Inference inf = infer_predicate(h.build());
    if (counted == 2) {
      EXPECT_THAT(anomaly_names(inf), ElementsAre("phantom"));
      EXPECT_THAT(inf.anomalies.front().summary, HasSubstr("got keys [1]"));
    } else {
      EXPECT_THAT(anomaly_names(inf), IsEmpty());
    }
  }
}

TEST(AggregatePhantom, OwnWritesBetweenTheRunsAreNoPhantom) {
  HistoryDsl h;
  h.ok(0, {insert(1, 10, 0)});
  // Rows known: the count after its own insert must be 2 ...
  h.ok(1, {read_group(0, {{1, 10, 0}}), insert(2, 20, 0), count_of(read_group(0, {}), 2)});
  // ... and after a count alone an own write into the predicate leaves the
  // next count unknown (was key 1 counted? the count cannot say).
  h.ok(2,
       {count_of(read_group(0, {}), 2), remove(1, {{1, 10, 0}}), count_of(read_group(0, {}), 1)});
  History hist = h.build();
  EXPECT_THAT(anomaly_names(infer_predicate(hist)), IsEmpty());
  EXPECT_EQ(check_against(hist, "strict-serializable").valid, Validity::kValid);
}

// The on-call pattern on counts: each counts on-call group 5 (at most one
// row), finds none, and inserts one.
History counted_on_call_history(bool concurrent) {
  HistoryDsl h;
  if (concurrent) {
    uint32_t t0 = h.invoke(0, {count_of(read_group(5, {}, 1), 0), insert(1, 10, 5)});
    uint32_t t1 = h.invoke(1, {count_of(read_group(5, {}, 1), 0), insert(2, 20, 5)});
    h.complete_ok(t0);
    h.complete_ok(t1);
    h.final_read(2, {read_all_rows({{1, 10, 5}, {2, 20, 5}})});
  } else {
    h.ok(0, {count_of(read_group(5, {}, 1), 0), insert(1, 10, 5)});
    h.ok(1, {count_of(read_group(5, {}, 1), 1)});
    h.final_read(2, {read_all_rows({{1, 10, 5}})});
  }
  return h.build();
}

TEST(AggregateWriteSkew, CountsOfZeroThenInsertsArePredicateG2) {
  History hist = counted_on_call_history(true);
  Inference inf = infer_predicate(hist);
  EXPECT_THAT(anomaly_names(inf), ElementsAre("on-call-overbooked"));
  EXPECT_THAT(edge_texts(inf), Contains("T0 rw-predicate T1"));
  EXPECT_THAT(edge_texts(inf), Contains("T1 rw-predicate T0"));
  CheckResult ser = check_against(hist, "serializable");
  EXPECT_EQ(ser.valid, Validity::kInvalid);
  EXPECT_EQ(count_of(ser, K::kG2), 1u);
  const Anomaly& g2 = ser.witnesses.at(K::kG2).front();
  ASSERT_EQ(g2.steps.size(), 2u);
  EXPECT_THAT(g2.steps[0], HasSubstr("count(group = 5) returned 0, counting no row but its own"));
  EXPECT_EQ(check_against(hist, "snapshot-isolation").valid, Validity::kValid);
}

TEST(AggregateWriteSkew, SerialCountsShowNothing) {
  History hist = counted_on_call_history(false);
  EXPECT_THAT(anomaly_names(infer_predicate(hist)), IsEmpty());
  EXPECT_EQ(check_against(hist, "strict-serializable").valid, Validity::kValid);
}

TEST(AggregateWriteSkew, ACountAboveTheTransactionsOwnRowsGivesNoEdge) {
  // T1 counts 1: it saw key 1 or key 2, which one is unknown.
  HistoryDsl h;
  h.ok(0, {insert(1, 10, 0)});
  uint32_t t1 = h.invoke(1, {count_of(read_group(0, {}), 1)});
  h.ok(2, {insert(2, 20, 0)});
  h.complete_ok(t1);
  Inference inf = infer_predicate(h.build());
  EXPECT_THAT(edge_texts(inf), Not(Contains("T1 rw-predicate T2")));
}

TEST(AggregateWriteSkew, ACountOfAnOnCallGroupAboveItsCapIsOverbooked) {
  for (int64_t cap : {1, 2}) {
    HistoryDsl h;
    h.ok(0, {insert(1, 10, 5), insert(2, 20, 5)});
    h.ok(1, {count_of(read_group(5, {}, cap), 2)});
    Inference inf = infer_predicate(h.build());
    if (cap == 1) {
      EXPECT_THAT(anomaly_names(inf), ElementsAre("on-call-overbooked"));
      EXPECT_THAT(inf.anomalies.front().summary, HasSubstr("T1 counted group 5 and found 2 rows"));
    } else {
      EXPECT_THAT(anomaly_names(inf), IsEmpty());
    }
  }
}

TEST(AggregateBounds, ACountNoSetOfVersionsCouldGiveIsAGarbageRead) {
  for (int64_t counted : {2, 3}) {
    HistoryDsl h;
    h.ok(0, {insert(1, 10, 0), insert(2, 20, 1)});
    h.ok(1, {update(2, 21, 0, {{2, 20, 1}})});
    h.ok(2, {count_of(read_group(0, {}), counted)});
    Inference inf = infer_predicate(h.build());
    if (counted == 3) {
      EXPECT_THAT(anomaly_names(inf), ElementsAre("garbage-read"));
      EXPECT_THAT(inf.anomalies.front().summary, HasSubstr("at most 2 rows could match"));
    } else {
      EXPECT_THAT(anomaly_names(inf), IsEmpty());
    }
  }
}

TEST(AggregateBounds, ACountBelowTheTransactionsOwnRowsIsInternal) {
  for (int64_t counted : {0, 1}) {
    HistoryDsl h;
    h.ok(1, {insert(1, 10, 0), count_of(read_group(0, {}), counted)});
    Inference inf = infer_predicate(h.build());
    if (counted == 0) {
      EXPECT_THAT(anomaly_names(inf), ElementsAre("internal"));
      EXPECT_THAT(inf.anomalies.front().summary, HasSubstr("its own writes before left 1 rows"));
    } else {
      EXPECT_THAT(anomaly_names(inf), IsEmpty());
    }
  }
}

}  // namespace
}  // namespace isocheck
