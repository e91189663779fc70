// The whole pipeline, from a history to a verdict: that only the anomalies a
// requested model forbids decide validity, that process and real-time
// variants appear only for the models that need them, and that every cycle
// witness is explained step by step.
#include "checker/check/check_history.h"

#include <gtest/gtest.h>

#include "tests/support/history_dsl.h"

namespace isocheck {
namespace {

using namespace isocheck::testing;

CheckResult check(const History& h, std::vector<std::string> models) {
  CheckOptions o;
  o.models = std::move(models);
  return check_history(h, o);
}

bool has(const CheckResult& r, AnomalyKind k) { return r.counts.contains(k); }

History write_skew() {
  HistoryDsl h;
  uint32_t t0 = h.invoke(0, {read_list(1, {}), append(2, 1)});
  uint32_t t1 = h.invoke(1, {read_list(2, {}), append(1, 1)});
  h.complete_ok(t0);
  h.complete_ok(t1);
  h.ok(0, {read_list(1, {1}), read_list(2, {1})});
  return h.build();
}

TEST(CheckHistory, WriteSkewBreaksSerializableButNotSnapshotIsolation) {
  History h = write_skew();
  CheckResult ser = check(h, {"serializable"});
  EXPECT_EQ(ser.valid, Validity::kInvalid);
  EXPECT_TRUE(has(ser, AnomalyKind::kG2Item));
  EXPECT_EQ(ser.violated, std::vector<std::string>{"repeatable-read"});

  CheckResult si = check(h, {"snapshot-isolation"});
  EXPECT_EQ(si.valid, Validity::kValid);
  EXPECT_TRUE(si.counts.empty());
}

TEST(CheckHistory, CycleWitnessesAreExplainedStepByStep) {
  CheckResult r = check(write_skew(), {"serializable"});
  ASSERT_TRUE(r.witnesses.contains(AnomalyKind::kG2Item));
  const Anomaly& a = r.witnesses.at(AnomalyKind::kG2Item).front();
  ASSERT_EQ(a.cycle.size(), 2u);
  ASSERT_EQ(a.steps.size(), 2u);
  for (const std::string& step : a.steps) EXPECT_NE(step.find("(rw)"), std::string::npos) << step;
  EXPECT_NE(a.summary.find("G2-item"), std::string::npos);
}

// T1 appends and completes; T2 starts afterwards and still reads the key
// empty: serializable (T2 before T1) but not strict.
History stale_read() {
  HistoryDsl h;
  h.ok(0, {append(1, 1)});
  h.ok(1, {read_list(1, {})});
  h.final_read(2, {read_list(1, {1})});
  return h.build();
}

TEST(CheckHistory, StaleReadBreaksOnlyRealTimeModels) {
  History h = stale_read();
  CheckResult ser = check(h, {"serializable"});
  EXPECT_EQ(ser.valid, Validity::kValid);
  EXPECT_EQ(ser.stats.edges > 0, true);

  CheckResult strict = check(h, {"strict-serializable"});
  EXPECT_EQ(strict.valid, Validity::kInvalid);
  EXPECT_TRUE(has(strict, AnomalyKind::kGSingleItemRealtime));
  const Anomaly& a = strict.witnesses.at(AnomalyKind::kGSingleItemRealtime).front();
  bool explained_realtime = false;
  for (const std::string& step : a.steps)
    explained_realtime |= step.find("(realtime)") != std::string::npos;
  EXPECT_TRUE(explained_realtime);
}

TEST(CheckHistory, StaleReadBySameProcessIsAProcessAnomaly) {
  HistoryDsl h;
  h.ok(0, {append(1, 1)});
  h.ok(0, {read_list(1, {})});
  h.ok(1, {read_list(1, {1})});
  CheckResult r = check(h.build(), {"strong-session-serializable"});
  EXPECT_EQ(r.valid, Validity::kInvalid);
  EXPECT_TRUE(has(r, AnomalyKind::kGSingleItemProcess));
}

TEST(CheckHistory, NonCycleAnomaliesAreCountedAndJudgedByModel) {
  HistoryDsl h;
  h.fail(0, {append(1, 1)});
  h.ok(1, {read_list(1, {1})});
  History hist = h.build();
  CheckResult rc = check(hist, {"read-committed"});
  EXPECT_EQ(rc.valid, Validity::kInvalid);
  EXPECT_EQ(rc.counts.at(AnomalyKind::kG1a), 1u);
  CheckResult ru = check(hist, {"read-uncommitted"});
  EXPECT_EQ(ru.valid, Validity::kValid);
  // Found anomalies are reported even when the requested model allows them.
  EXPECT_TRUE(has(ru, AnomalyKind::kG1a));
}

TEST(CheckHistory, ATinySearchBudgetMakesTheVerdictUnknownNotValid) {
  // A ring of read skews big enough that one step of budget cannot close it.
  HistoryDsl h;
  std::vector<uint32_t> open;
  for (int i = 0; i < 6; ++i)
    open.push_back(h.invoke(i, {read_list(i, {}), append((i + 1) % 6, 1)}));
  for (uint32_t t : open) h.complete_ok(t);
  std::vector<DslMop> final_reads;
  for (int k = 0; k < 6; ++k) final_reads.push_back(read_list(k, {1}));
  h.ok(6, final_reads);
  const History hist = h.build();
  CheckOptions o;
  o.models = {"serializable"};
  o.max_search_steps_per_component = 1;
  CheckResult r = check_history(hist, o);
  EXPECT_EQ(r.valid, Validity::kUnknown);
  EXPECT_FALSE(r.unknown_reasons.empty());

  o.max_search_steps_per_component = 1'000'000;
  EXPECT_EQ(check_history(hist, o).valid, Validity::kInvalid);
}

TEST(CheckHistory, UnknownModelIsRejected) {
  HistoryDsl h;
  h.ok(0, {append(1, 1)});
  EXPECT_THROW(check(h.build(), {"sort-of-serializable"}), std::invalid_argument);
  EXPECT_THROW(check(h.build(), {}), std::invalid_argument);
}

TEST(CheckHistory, BankTotalsAreChecked) {
  HistoryDsl h;
  h.header().bank_total = 100;
  h.header().bank_accounts = 2;
  h.ok(0, {adjust(0, -10), adjust(1, 10)});
  h.ok(1, {read(0, 40), read(1, 50)});
  CheckResult r = check(h.build(), {"serializable"});
  EXPECT_EQ(r.workload, Workload::kBank);
  EXPECT_TRUE(has(r, AnomalyKind::kWrongTotal));
  EXPECT_EQ(r.valid, Validity::kInvalid);
}

}  // namespace
}  // namespace isocheck
