#include "checker/infer/list_append_inference.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/checker/infer/inference_matchers.h"
#include "tests/support/history_dsl.h"

namespace isocheck {
namespace {

using namespace isocheck::testing;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

using Names = std::vector<std::string>;

TEST(ListAppendEdges, ConsecutiveAppendsReadsAndAntiDependencies) {
  HistoryDsl h;
  h.ok(0, {append(1, 1)});          // T0
  h.ok(0, {append(1, 2)});          // T1
  h.ok(1, {read_list(1, {1, 2})});  // T2
  h.ok(2, {read_list(1, {1})});     // T3
  History hist = h.build();
  Inference inf = infer_list_append(hist);
  EXPECT_THAT(anomaly_names(inf), IsEmpty());
  EXPECT_THAT(edge_texts(inf), ElementsAre("T0 wr T3", "T0 ww T1", "T1 wr T2", "T3 rw T1"));
}

TEST(ListAppendEdges, EmptyReadPrecedesTheFirstAppend) {
  HistoryDsl h;
  h.ok(0, {read_list(1, {})});   // T0
  h.ok(1, {append(1, 5)});       // T1
  h.ok(2, {read_list(1, {5})});  // T2
  History hist = h.build();
  Inference inf = infer_list_append(hist);
  EXPECT_THAT(edge_texts(inf), ElementsAre("T0 rw T1", "T1 wr T2"));
}

TEST(ListAppendEdges, OwnAppendsAfterAnExternalReadGiveNoSelfEdge) {
  HistoryDsl h;
  h.ok(0, {append(1, 1)});                                           // T0
  h.ok(1, {read_list(1, {1}), append(1, 2), read_list(1, {1, 2})});  // T1
  h.ok(2, {read_list(1, {1, 2})});                                   // T2
  History hist = h.build();
  Inference inf = infer_list_append(hist);
  EXPECT_THAT(anomaly_names(inf), IsEmpty());
  EXPECT_THAT(edge_texts(inf), ElementsAre("T0 wr T1", "T0 ww T1", "T1 wr T2"));
}

TEST(ListAppendEdges, InfoWriterIsASourceAndFailedWriterIsInNoEdge) {
  HistoryDsl h;
  h.info(0, {append(1, 1)});     // T0
  h.fail(1, {append(2, 7)});     // T1
  h.ok(2, {append(2, 8)});       // T2
  h.ok(3, {read_list(1, {1})});  // T3
  h.ok(4, {read_list(2, {})});   // T4
  History hist = h.build();
  Inference inf = infer_list_append(hist);
  // T4's read lacks T2's committed 8 (no read shows it), not T1's failed 7.
  EXPECT_THAT(edge_texts(inf), ElementsAre("T0 wr T3", "T4 rw T2"));
}

TEST(ListAppendEdges, ExplainerNamesTxnsKeyAndValues) {
  HistoryDsl h;
  h.ok(0, {append(3, 2)});          // T0
  h.ok(1, {append(3, 4)});          // T1
  h.ok(2, {read_list(3, {2})});     // T2
  h.ok(3, {read_list(3, {2, 4})});  // T3
  h.ok(4, {read_list(3, {})});      // T4
  History hist = h.build();
  Inference inf = infer_list_append(hist);
  ASSERT_THAT(edge_texts(inf),
              ElementsAre("T0 wr T2", "T0 ww T1", "T1 wr T3", "T2 rw T1", "T4 rw T0"));
  EXPECT_EQ(inf.explainer->explain(0, 1, EdgeKind::kWw),
            "T1 appended 4 to key 3 right after T0's 2 (ww)");
  EXPECT_EQ(inf.explainer->explain(1, 3, EdgeKind::kWr),
            "T3 read key 3 = [2 4], whose last element T1 appended (wr)");
  EXPECT_EQ(inf.explainer->explain(2, 1, EdgeKind::kRw),
            "T2 read key 3 = [2]; T1 appended 4 right after 2 (rw)");
  EXPECT_EQ(inf.explainer->explain(4, 0, EdgeKind::kRw),
            "T4 read key 3 = []; T0 appended 2, its first element (rw)");
}

TEST(ListAppendAnomalies, IncompatibleOrder) {
  auto run = [](std::vector<int64_t> other) {
    HistoryDsl h;
    h.ok(0, {append(1, 1)});
    h.ok(0, {append(1, 2)});
    h.ok(0, {append(1, 3)});
    h.ok(1, {read_list(1, {1, 2, 3})});         // T3
    h.ok(2, {read_list(1, std::move(other))});  // T4
    History hist = h.build();
    return infer_list_append(hist);
  };
  Inference bad = run({1, 3});
  EXPECT_THAT(anomaly_names(bad), ElementsAre("incompatible-order"));
  const Anomaly* a = find_anomaly(bad, AnomalyKind::kIncompatibleOrder);
  EXPECT_THAT(a->txns, UnorderedElementsAre(3u, 4u));
  EXPECT_EQ(a->key, 1);
  EXPECT_THAT(a->summary, HasSubstr("[1 3]"));
  EXPECT_THAT(a->summary, HasSubstr("[1 2 3]"));
  EXPECT_THAT(anomaly_names(run({1, 2})), IsEmpty());
}

TEST(ListAppendAnomalies, AbortedRead) {
  auto run = [](bool writer_fails) {
    HistoryDsl h;
    writer_fails ? h.fail(0, {append(1, 9)}) : h.ok(0, {append(1, 9)});
    h.ok(1, {read_list(1, {9})});
    History hist = h.build();
    return infer_list_append(hist);
  };
  Inference bad = run(true);
  EXPECT_THAT(anomaly_names(bad), ElementsAre("G1a"));
  EXPECT_THAT(bad.anomalies[0].txns, ElementsAre(1u, 0u));
  EXPECT_EQ(bad.anomalies[0].summary,
            "T1 read key 1 = [9], which includes 9, appended by T0, which failed");
  EXPECT_THAT(anomaly_names(run(false)), IsEmpty());
}

TEST(ListAppendAnomalies, IntermediateRead) {
  auto run = [](std::vector<int64_t> seen) {
    HistoryDsl h;
    h.ok(0, {append(1, 1), append(1, 2)});
    h.ok(1, {read_list(1, std::move(seen))});
    History hist = h.build();
    return infer_list_append(hist);
  };
  Inference bad = run({1});
  EXPECT_THAT(anomaly_names(bad), ElementsAre("G1b"));
  EXPECT_THAT(bad.anomalies[0].txns, ElementsAre(1u, 0u));
  EXPECT_THAT(bad.anomalies[0].summary,
              HasSubstr("ending on 1, but T0 appended 2 to key 1 after it"));
  EXPECT_THAT(anomaly_names(run({1, 2})), IsEmpty());
}

TEST(ListAppendAnomalies, InternalAfterOwnRead) {
  auto run = [](std::vector<int64_t> second) {
    HistoryDsl h;
    h.ok(0, {append(1, 1)});
    h.ok(1, {read_list(1, {1}), append(1, 2), read_list(1, std::move(second))});
    History hist = h.build();
    return infer_list_append(hist);
  };
  Inference bad = run({1});
  EXPECT_THAT(anomaly_names(bad), ElementsAre("internal"));
  EXPECT_EQ(bad.anomalies[0].summary,
            "T1 read key 1 = [1], then appended [2], then read [1] instead of [1 2]");
  EXPECT_THAT(anomaly_names(run({1, 2})), IsEmpty());
}

TEST(ListAppendAnomalies, InternalWithoutEarlierRead) {
  auto run = [](std::vector<int64_t> seen) {
    HistoryDsl h;
    h.ok(0, {append(1, 1)});
    h.ok(1, {append(1, 2), append(1, 3), read_list(1, std::move(seen))});
    History hist = h.build();
    return infer_list_append(hist);
  };
  Inference bad = run({1, 3, 2});
  EXPECT_THAT(anomaly_names(bad), ElementsAre("internal"));
  EXPECT_THAT(bad.anomalies[0].summary, HasSubstr("which does not end with [2 3]"));
  EXPECT_THAT(anomaly_names(run({1, 2, 3})), IsEmpty());
}

TEST(ListAppendAnomalies, DirtyUpdate) {
  auto run = [](std::vector<int64_t> order) {
    HistoryDsl h;
    h.fail(0, {append(1, 1)});
    h.ok(1, {append(1, 2)});
    h.ok(2, {read_list(1, std::move(order))});
    History hist = h.build();
    return infer_list_append(hist);
  };
  // Building on a failed append necessarily reads it too (G1a).
  Inference bad = run({1, 2});
  EXPECT_THAT(anomaly_names(bad), ElementsAre("G1a", "dirty-update"));
  const Anomaly* a = find_anomaly(bad, AnomalyKind::kDirtyUpdate);
  EXPECT_EQ(a->summary,
            "key 1's version order [1 2] has 2, appended by T1, after 1, appended by T0, which "
            "failed");
  EXPECT_THAT(anomaly_names(run({2, 1})), ElementsAre("G1a"));
}

TEST(ListAppendAnomalies, DuplicateElements) {
  auto run = [](std::vector<int64_t> seen) {
    HistoryDsl h;
    h.ok(0, {append(4, 1)});
    h.ok(0, {append(4, 2)});
    h.ok(1, {read_list(4, std::move(seen))});
    History hist = h.build();
    return infer_list_append(hist);
  };
  Inference bad = run({1, 2, 2});
  EXPECT_THAT(anomaly_names(bad), ElementsAre("duplicate-elements"));
  EXPECT_EQ(bad.anomalies[0].summary,
            "T2 read key 4 = [1 2 2]: 2 appears twice (positions 2 and 3)");
  EXPECT_THAT(anomaly_names(run({1, 2})), IsEmpty());
}

TEST(ListAppendAnomalies, LostUpdate) {
  auto run = [](std::vector<int64_t> second_read) {
    HistoryDsl h;
    h.ok(0, {read_list(1, {}), append(1, 1)});
    h.ok(1, {read_list(1, std::move(second_read)), append(1, 2)});
    h.ok(2, {read_list(1, {1, 2})});
    History hist = h.build();
    return infer_list_append(hist);
  };
  Inference bad = run({});
  EXPECT_THAT(anomaly_names(bad), ElementsAre("lost-update"));
  EXPECT_THAT(bad.anomalies[0].txns, ElementsAre(0u, 1u));
  EXPECT_EQ(bad.anomalies[0].summary,
            "2 committed transactions read key 1 = [] and then appended to it: T0 appended 1, T1 "
            "appended 2");
  EXPECT_THAT(anomaly_names(run({1})), IsEmpty());
}

TEST(ListAppendAnomalies, GarbageRead) {
  auto run = [](bool someone_appends) {
    HistoryDsl h;
    if (someone_appends) h.fail(0, {append(1, 77)});
    h.ok(1, {read_list(1, {77})});
    History hist = h.build();
    return infer_list_append(hist);
  };
  Inference bad = run(false);
  EXPECT_THAT(anomaly_names(bad), ElementsAre("garbage-read"));
  EXPECT_EQ(bad.anomalies[0].summary, "T0 read key 1 = [77]: nobody appended 77");
  // A failed transaction's append is still an append: that is G1a, not garbage.
  EXPECT_THAT(anomaly_names(run(true)), ElementsAre("G1a"));
}

TEST(ListAppendAnomalies, LostWrite) {
  auto run = [](std::vector<int64_t> final_list) {
    HistoryDsl h;
    h.ok(0, {append(1, 1)});
    h.ok(1, {append(1, 2)});
    h.ok(2, {read_list(1, {1, 2})});
    h.final_read(3, {read_list(1, std::move(final_list))});
    History hist = h.build();
    return infer_list_append(hist);
  };
  Inference bad = run({1});
  EXPECT_THAT(anomaly_names(bad), ElementsAre("lost-write"));
  EXPECT_THAT(bad.anomalies[0].txns, ElementsAre(1u, 3u));
  EXPECT_EQ(bad.anomalies[0].summary,
            "T1 appended 2 to key 1 and committed, but the final read T3 of key 1 = [1] lacks it");
  EXPECT_THAT(anomaly_names(run({1, 2})), IsEmpty());
}

TEST(ListAppendAnomalies, LostWriteLooksAtTheLastFinalReadOnly) {
  HistoryDsl h;
  h.ok(0, {append(1, 1)});
  h.final_read(1, {read_list(1, {})});
  h.final_read(2, {read_list(1, {1})});
  History hist = h.build();
  Inference inf = infer_list_append(hist);
  EXPECT_THAT(anomaly_names(inf), IsEmpty());
}

TEST(ListAppendAnomalies, LongListsAreShortenedInWitnesses) {
  HistoryDsl h;
  std::vector<int64_t> seen;
  for (int64_t v = 1; v <= 20; ++v) {
    h.ok(0, {append(1, v)});
    seen.push_back(v);
  }
  seen.push_back(5);
  h.ok(1, {read_list(1, seen)});
  History hist = h.build();
  Inference inf = infer_list_append(hist);
  ASSERT_THAT(anomaly_names(inf), ElementsAre("duplicate-elements"));
  EXPECT_EQ(inf.anomalies[0].summary,
            "T20 read key 1 = [1 2 3 4 5 … 17 18 19 20 5] (21 elements): 5 appears twice "
            "(positions 5 and 21)");
}

}  // namespace
}  // namespace isocheck
