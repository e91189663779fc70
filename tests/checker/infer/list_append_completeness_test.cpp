// List-append inference is complete: a read precedes every committed append
// it lacks, also appends no read ever shows and appends that follow the
// reader's own; and appended values need not be unique. Each rule has a
// history that needs it to find the anomaly and one where applying it
// wrongly would raise a false alarm.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checker/check/check_history.h"
#include "checker/infer/list_append_inference.h"
#include "tests/checker/infer/inference_matchers.h"
#include "tests/support/history_dsl.h"

namespace isocheck {
namespace {

using namespace isocheck::testing;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

CheckResult check(const History& h, const std::string& model) {
  CheckOptions o;
  o.models = {model};
  return check_history(h, o);
}

// The example: T1 appends x=1 and y=1; T2 appends x=2 and reads
// y=[]; T3 reads x=[1 2]. No read shows y=1, yet T2's read lacks it.
History unobserved_append_closes_g_single() {
  HistoryDsl h;
  uint32_t t0 = h.invoke(0, {append(1, 1), append(2, 1)});
  uint32_t t1 = h.invoke(1, {append(1, 2), read_list(2, {})});
  h.complete_ok(t0);
  h.complete_ok(t1);
  h.ok(2, {read_list(1, {1, 2})});
  return h.build();
}

TEST(ListAppendUnobserved, ReadLackingAnAppendNoReadShowsPrecedesIt) {
  History hist = unobserved_append_closes_g_single();
  Inference inf = infer_list_append(hist);
  EXPECT_THAT(edge_texts(inf), ElementsAre("T0 ww T1", "T1 rw T0", "T1 wr T2"));
  EXPECT_EQ(inf.explainer->explain(1, 0, EdgeKind::kRw),
            "T1 read key 2 = []; T0 appended 1, which no read shows, so it was not yet in the "
            "version T1 read (rw)");
  CheckResult r = check(hist, "snapshot-isolation");
  EXPECT_EQ(r.valid, Validity::kInvalid);
  EXPECT_TRUE(r.counts.contains(AnomalyKind::kGSingleItem));
}

TEST(ListAppendUnobserved, AppendsTheReadShowsOrThatMayNotHaveCommittedGiveNoEdge) {
  HistoryDsl h;
  h.ok(0, {append(1, 1), append(2, 1)});       // T0
  h.ok(1, {append(1, 2), read_list(2, {1})});  // T1: its read shows T0's append
  h.info(2, {append(2, 7)});                   // T2: may never have committed
  h.ok(3, {read_list(1, {1, 2})});             // T3
  History hist = h.build();
  Inference inf = infer_list_append(hist);
  EXPECT_THAT(edge_texts(inf), ElementsAre("T0 wr T1", "T0 ww T1", "T1 wr T3"));
  EXPECT_EQ(check(hist, "serializable").valid, Validity::kValid);
}

TEST(ListAppendUnobserved, LaterUnobservedAppendsAreReachedThroughWwNotOneEdgeEach) {
  HistoryDsl h;
  h.ok(0, {append(1, 1)});       // T0
  h.ok(1, {read_list(1, {})});   // T1: lacks 1, 2 and 3
  h.ok(2, {append(1, 2)});       // T2: never shown
  h.ok(3, {append(1, 3)});       // T3: never shown
  h.ok(4, {read_list(1, {1})});  // T4: lacks 2 and 3
  History hist = h.build();
  Inference inf = infer_list_append(hist);
  EXPECT_THAT(edge_texts(inf),
              ElementsAre("T0 wr T4", "T0 ww T2", "T0 ww T3", "T1 rw T0", "T4 rw T2", "T4 rw T3"));
  EXPECT_EQ(inf.explainer->explain(0, 2, EdgeKind::kWw),
            "T2 appended 2 to key 1, which no read shows, so it follows T0's 1, the last element "
            "the longest read [1] shows (ww)");
}

// Two transactions read x=[0] and each append: each lacks the other's append.
TEST(ListAppendUnobserved, TwoReadersThatBothAppendAreG2ItemAndLostUpdate) {
  HistoryDsl h;
  h.ok(0, {append(1, 0)});
  uint32_t t1 = h.invoke(1, {read_list(1, {0}), append(1, 1)});
  uint32_t t2 = h.invoke(2, {read_list(1, {0}), append(1, 2)});
  h.complete_ok(t1);
  h.complete_ok(t2);
  History hist = h.build();
  CheckResult r = check(hist, "repeatable-read");
  EXPECT_EQ(r.valid, Validity::kInvalid);
  EXPECT_TRUE(r.counts.contains(AnomalyKind::kLostUpdate));
  EXPECT_TRUE(r.counts.contains(AnomalyKind::kG2Item));
}

TEST(ListAppendUnobserved, OneReaderThatAppendsAfterTheOtherIsValid) {
  HistoryDsl h;
  h.ok(0, {append(1, 0)});
  h.ok(1, {read_list(1, {0}), append(1, 1)});
  h.ok(2, {read_list(1, {0, 1}), append(1, 2)});
  History hist = h.build();
  EXPECT_EQ(check(hist, "strict-serializable").valid, Validity::kValid);
}

TEST(ListAppendNextWriter, AReaderPrecedesTheFirstOtherAppendAfterItsOwn) {
  HistoryDsl h;
  h.ok(0, {append(1, 0)});                     // T0
  h.ok(1, {read_list(1, {0}), append(1, 1)});  // T1
  h.ok(2, {read_list(1, {0}), append(1, 2)});  // T2
  h.ok(3, {read_list(1, {0, 1, 2})});          // T3
  History hist = h.build();
  Inference inf = infer_list_append(hist);
  EXPECT_THAT(edge_texts(inf), ElementsAre("T0 wr T1", "T0 wr T2", "T0 ww T1", "T1 rw T2",
                                           "T1 ww T2", "T2 rw T1", "T2 wr T3"));
  EXPECT_THAT(inf.explainer->explain(1, 2, EdgeKind::kRw), HasSubstr("T2 appended 2"));
}

TEST(ListAppendRepeatedValues, WarnOnceAndStillReportTheLostUpdate) {
  HistoryDsl h;
  uint32_t t0 = h.invoke(0, {read_list(1, {}), append(1, 5)});
  uint32_t t1 = h.invoke(1, {read_list(1, {}), append(1, 5)});
  h.complete_ok(t0);
  h.complete_ok(t1);
  h.ok(2, {read_list(1, {5, 5})});
  History hist = h.build();
  Inference inf = infer_list_append(hist);
  ASSERT_THAT(inf.warnings, SizeIs(1));
  EXPECT_THAT(inf.warnings[0], HasSubstr("appended values are not unique"));
  EXPECT_THAT(anomaly_names(inf), ElementsAre("lost-update"));
  // A read of a repeated value names no writer.
  EXPECT_THAT(edge_texts(inf), IsEmpty());
  CheckResult r = check(hist, "read-committed");
  EXPECT_EQ(r.valid, Validity::kValid);
  EXPECT_THAT(r.warnings, SizeIs(1));
}

TEST(ListAppendRepeatedValues, UniqueValuesGiveNoWarning) {
  History hist = unobserved_append_closes_g_single();
  EXPECT_THAT(infer_list_append(hist).warnings, IsEmpty());
}

}  // namespace
}  // namespace isocheck
