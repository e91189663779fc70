// From a checked history to claims, the way `verify` does it: check against
// strict-serializable, reduce to a CellOutcome, judge the level's claims
// from the anomalies found.
#include "checker/claims/cell_from_check.h"

#include <gtest/gtest.h>

#include "checker/claims/claims_table.h"
#include "tests/support/history_dsl.h"

namespace isocheck {
namespace {

using namespace isocheck::testing;

History write_skew() {
  HistoryDsl h;
  uint32_t t0 = h.invoke(0, {read_list(1, {}), append(2, 1)});
  uint32_t t1 = h.invoke(1, {read_list(2, {}), append(1, 1)});
  h.complete_ok(t0);
  h.complete_ok(t1);
  h.fail(2, {append(3, 9)});
  h.final_read(0, {read_list(1, {1}), read_list(2, {1})});
  return h.build();
}

CellOutcome checked_cell(const std::string& level, const History& h) {
  CheckOptions o;
  o.models = {"strict-serializable"};
  CheckResult r = check_history(h, o);
  return cell_outcome_from_check({level, "list-append", 2.0, "x.pb", "x.explain"}, h, r);
}

TEST(CellFromCheck, CountsTransactionsWithoutTheFinalRead) {
  CellOutcome c = checked_cell("serializable", write_skew());
  EXPECT_EQ(c.ok, 2u);
  EXPECT_EQ(c.failed, 1u);
  EXPECT_EQ(c.indeterminate, 0u);
  EXPECT_EQ(c.transactions, 3u);
  EXPECT_DOUBLE_EQ(c.throughput, 1.0);
  EXPECT_FALSE(c.timeline.buckets.empty());
}

TEST(CellFromCheck, KeepsDirectKindsWithTheirFirstWitness) {
  CellOutcome c = checked_cell("serializable", write_skew());
  ASSERT_FALSE(c.anomalies.empty());
  bool g2 = false;
  for (const ObservedAnomaly& a : c.anomalies) {
    EXPECT_TRUE(anomaly_info(a.kind).found_directly) << anomaly_name(a.kind);
    if (a.kind != AnomalyKind::kG2Item) continue;
    g2 = true;
    EXPECT_GE(a.count, 1u);
    ASSERT_FALSE(a.witness.empty());
    EXPECT_NE(a.witness.front().find("G2-item"), std::string::npos);
    EXPECT_NE(a.dot.find("digraph"), std::string::npos);
    EXPECT_EQ(a.explain_link, "x.explain/G2-item-1.txt");
  }
  EXPECT_TRUE(g2);
}

TEST(CellFromCheck, WriteSkewIsJudgedAgainstEachLevelsOwnClaim) {
  History h = write_skew();
  std::vector<CellOutcome> cells = {checked_cell("repeatable-read", h),
                                    checked_cell("serializable", h)};
  ClaimsTable t = judge_claims(cells);
  EXPECT_EQ(t.find("repeatable-read", Phenomenon::kSerializationAnomaly)->verdict,
            ClaimVerdict::kAllowedSeen);
  EXPECT_EQ(t.find("serializable", Phenomenon::kSerializationAnomaly)->verdict,
            ClaimVerdict::kViolated);
  EXPECT_EQ(t.find("repeatable-read", Phenomenon::kDirtyRead)->verdict, ClaimVerdict::kHolds);
}

}  // namespace
}  // namespace isocheck
