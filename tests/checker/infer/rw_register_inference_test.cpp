#include "checker/infer/rw_register_inference.h"

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

TEST(RwRegisterEdges, ReadThenWriteChainsVersions) {
  HistoryDsl h;
  h.ok(0, {read_nil(1), write(1, 10)});  // T0: nil < 10
  h.ok(1, {read(1, 10), write(1, 20)});  // T1: 10 < 20
  h.ok(2, {read(1, 10)});                // T2
  h.ok(3, {read(1, 20)});                // T3
  History hist = h.build();
  Inference inf = infer_rw_register(hist);
  EXPECT_THAT(anomaly_names(inf), IsEmpty());
  EXPECT_THAT(edge_texts(inf),
              ElementsAre("T0 wr T1", "T0 wr T2", "T0 ww T1", "T1 wr T3", "T2 rw T1"));
}

TEST(RwRegisterEdges, NilReadersPrecedeWritesWithNoOtherPredecessor) {
  HistoryDsl h;
  h.ok(0, {read_nil(1)});              // T0
  h.ok(1, {write(1, 5)});              // T1: blind, only nil precedes it
  h.ok(2, {read(1, 5), write(1, 6)});  // T2: 5 < 6, so 6 is no direct successor of nil
  History hist = h.build();
  Inference inf = infer_rw_register(hist);
  EXPECT_THAT(edge_texts(inf), ElementsAre("T0 rw T1", "T1 wr T2", "T1 ww T2"));
}

TEST(RwRegisterEdges, FailedTxnsAreInNoEdgeAndInfoWritersAreSources) {
  HistoryDsl h;
  h.fail(0, {write(1, 1)});  // T0
  h.info(1, {write(2, 2)});  // T1
  h.ok(2, {read(2, 2)});     // T2
  h.ok(3, {read_nil(1)});    // T3
  History hist = h.build();
  Inference inf = infer_rw_register(hist);
  EXPECT_THAT(edge_texts(inf), ElementsAre("T1 wr T2"));
}

TEST(RwRegisterEdges, ExplainerNamesTxnsKeyAndValues) {
  HistoryDsl h;
  h.ok(0, {write(3, 2)});              // T0
  h.ok(1, {read(3, 2), write(3, 4)});  // T1
  h.ok(2, {read(3, 2)});               // T2
  h.ok(3, {read_nil(3)});              // T3
  History hist = h.build();
  Inference inf = infer_rw_register(hist);
  ASSERT_THAT(edge_texts(inf),
              ElementsAre("T0 wr T1", "T0 wr T2", "T0 ww T1", "T2 rw T1", "T3 rw T0"));
  EXPECT_EQ(inf.explainer->explain(0, 1, EdgeKind::kWw),
            "T1 read key 3 = 2, which T0 wrote, then wrote 4 (ww)");
  EXPECT_EQ(inf.explainer->explain(0, 2, EdgeKind::kWr), "T2 read key 3 = 2, which T0 wrote (wr)");
  EXPECT_EQ(inf.explainer->explain(2, 1, EdgeKind::kRw),
            "T2 read key 3 = 2; T1 read 2 too and overwrote it with 4 (rw)");
  EXPECT_EQ(inf.explainer->explain(3, 0, EdgeKind::kRw),
            "T3 read key 3 = nil; T0 wrote 2, which only nil is known to precede (rw)");
}

TEST(RwRegisterAnomalies, CyclicVersions) {
  auto run = [](bool second_reads_first) {
    HistoryDsl h;
    h.ok(0, {read(1, 2), write(1, 1)});
    if (second_reads_first)
      h.ok(1, {read(1, 1), write(1, 2)});
    else
      h.ok(1, {read_nil(1), write(1, 2)});
    History hist = h.build();
    return infer_rw_register(hist);
  };
  Inference bad = run(true);
  // A version cycle is also a write cycle, for the cycle search to find.
  EXPECT_THAT(anomaly_names(bad), ElementsAre("cyclic-versions"));
  EXPECT_THAT(bad.anomalies[0].summary, HasSubstr("T0 read 2 then wrote 1"));
  EXPECT_THAT(bad.anomalies[0].summary, HasSubstr("T1 read 1 then wrote 2"));
  EXPECT_THAT(edge_texts(bad), ElementsAre("T0 wr T1", "T0 ww T1", "T1 wr T0", "T1 ww T0"));
  EXPECT_THAT(anomaly_names(run(false)), IsEmpty());
}

TEST(RwRegisterAnomalies, AbortedRead) {
  auto run = [](bool writer_fails) {
    HistoryDsl h;
    writer_fails ? h.fail(0, {write(1, 9)}) : h.ok(0, {write(1, 9)});
    h.ok(1, {read(1, 9)});
    History hist = h.build();
    return infer_rw_register(hist);
  };
  Inference bad = run(true);
  EXPECT_THAT(anomaly_names(bad), ElementsAre("G1a"));
  EXPECT_EQ(bad.anomalies[0].summary, "T1 read key 1 = 9, written by T0, which failed");
  EXPECT_THAT(anomaly_names(run(false)), IsEmpty());
}

TEST(RwRegisterAnomalies, DirtyUpdate) {
  auto run = [](bool base_fails) {
    HistoryDsl h;
    base_fails ? h.fail(0, {write(1, 9)}) : h.ok(0, {write(1, 9)});
    h.ok(1, {read(1, 9), write(1, 10)});
    History hist = h.build();
    return infer_rw_register(hist);
  };
  Inference bad = run(true);
  EXPECT_THAT(anomaly_names(bad), UnorderedElementsAre("G1a", "dirty-update"));
  bool explained = false;
  for (const Anomaly& a : bad.anomalies)
    explained |=
        a.summary == "T1 read key 1 = 9, written by T0, which failed, and wrote 10 over it";
  EXPECT_TRUE(explained);
  EXPECT_THAT(anomaly_names(run(false)), IsEmpty());
}

TEST(RwRegisterAnomalies, IntermediateRead) {
  auto run = [](int64_t seen) {
    HistoryDsl h;
    h.ok(0, {write(1, 1), write(1, 2)});
    h.ok(1, {read(1, seen)});
    History hist = h.build();
    return infer_rw_register(hist);
  };
  Inference bad = run(1);
  EXPECT_THAT(anomaly_names(bad), ElementsAre("G1b"));
  EXPECT_EQ(bad.anomalies[0].summary,
            "T1 read key 1 = 1, which T0 overwrote with 2 later in the same transaction");
  EXPECT_THAT(anomaly_names(run(2)), IsEmpty());
}

TEST(RwRegisterAnomalies, InternalReadAfterOwnWrite) {
  auto run = [](int64_t seen) {
    HistoryDsl h;
    h.ok(0, {write(1, 1)});
    h.ok(1, {write(1, 2), read(1, seen)});
    History hist = h.build();
    return infer_rw_register(hist);
  };
  Inference bad = run(1);
  EXPECT_THAT(anomaly_names(bad), ElementsAre("internal"));
  EXPECT_EQ(bad.anomalies[0].summary, "T1 wrote key 1 = 2, then read 1");
  EXPECT_THAT(anomaly_names(run(2)), IsEmpty());
}

TEST(RwRegisterAnomalies, InternalRepeatedReadsDisagree) {
  auto run = [](bool second_nil) {
    HistoryDsl h;
    h.ok(0, {write(1, 1)});
    h.ok(1, {read(1, 1), second_nil ? read_nil(1) : read(1, 1)});
    History hist = h.build();
    return infer_rw_register(hist);
  };
  Inference bad = run(true);
  EXPECT_THAT(anomaly_names(bad), ElementsAre("internal"));
  EXPECT_EQ(bad.anomalies[0].summary, "T1 read key 1 = 1, then read nil");
  EXPECT_THAT(anomaly_names(run(false)), IsEmpty());
}

TEST(RwRegisterAnomalies, LostUpdateOnNil) {
  auto run = [](bool second_reads_nil) {
    HistoryDsl h;
    h.ok(0, {read_nil(1), write(1, 1)});
    if (second_reads_nil)
      h.ok(1, {read_nil(1), write(1, 2)});
    else
      h.ok(1, {read(1, 1), write(1, 2)});
    History hist = h.build();
    return infer_rw_register(hist);
  };
  Inference bad = run(true);
  EXPECT_THAT(anomaly_names(bad), ElementsAre("lost-update"));
  EXPECT_THAT(bad.anomalies[0].txns, ElementsAre(0u, 1u));
  EXPECT_EQ(bad.anomalies[0].summary,
            "2 committed transactions read key 1 = nil and then wrote it: T0 wrote 1, T1 wrote 2");
  EXPECT_THAT(anomaly_names(run(false)), IsEmpty());
}

TEST(RwRegisterAnomalies, LostUpdateNeedsTwoCommittedWriters) {
  HistoryDsl h;
  h.ok(0, {write(1, 1)});
  h.ok(1, {read(1, 1), write(1, 2)});
  h.fail(2, {read(1, 1), write(1, 3)});
  History hist = h.build();
  EXPECT_THAT(anomaly_names(infer_rw_register(hist)), IsEmpty());
}

TEST(RwRegisterAnomalies, GarbageRead) {
  auto run = [](bool someone_writes) {
    HistoryDsl h;
    if (someone_writes) h.info(0, {write(1, 77)});
    h.ok(1, {read(1, 77)});
    History hist = h.build();
    return infer_rw_register(hist);
  };
  Inference bad = run(false);
  EXPECT_THAT(anomaly_names(bad), ElementsAre("garbage-read"));
  EXPECT_EQ(bad.anomalies[0].summary, "T0 read key 1 = 77, which nobody wrote");
  EXPECT_THAT(anomaly_names(run(true)), IsEmpty());
}

TEST(RwRegisterAnomalies, LostWriteFinalNil) {
  auto run = [](bool final_nil) {
    HistoryDsl h;
    h.ok(0, {write(1, 1)});
    h.final_read(1, {final_nil ? read_nil(1) : read(1, 1)});
    History hist = h.build();
    return infer_rw_register(hist);
  };
  Inference bad = run(true);
  EXPECT_THAT(anomaly_names(bad), ElementsAre("lost-write"));
  EXPECT_EQ(bad.anomalies[0].summary,
            "T0 wrote 1 to key 1 and committed, but the final read T1 of key 1 returned nil");
  EXPECT_THAT(anomaly_names(run(false)), IsEmpty());
}

TEST(RwRegisterAnomalies, LostWriteByRealTimeOrder) {
  HistoryDsl h;
  h.ok(0, {write(1, 1)});         // T0 completes ...
  h.ok(1, {write(1, 2)});         // ... before T1 is invoked
  h.final_read(2, {read(1, 1)});  // T2 sees T0's value: T1's write vanished
  History hist = h.build();
  Inference bad = infer_rw_register(hist);
  EXPECT_THAT(anomaly_names(bad), ElementsAre("lost-write"));
  EXPECT_THAT(bad.anomalies[0].txns, ElementsAre(1u, 0u, 2u));
  EXPECT_THAT(bad.anomalies[0].summary, HasSubstr("on one PostgreSQL node it committed later"));
}

TEST(RwRegisterAnomalies, ConcurrentWritesMayCommitInEitherOrder) {
  HistoryDsl h;
  uint32_t t0 = h.invoke(0, {write(1, 1)});
  h.ok(1, {write(1, 2)});  // invoked before T0 completed
  h.complete_ok(t0);
  h.final_read(2, {read(1, 1)});
  History hist = h.build();
  EXPECT_THAT(anomaly_names(infer_rw_register(hist)), IsEmpty());
}

}  // namespace
}  // namespace isocheck
