#include "checker/model/consistency_model.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "checker/model/postgres_claims.h"

namespace isocheck {
namespace {

bool contains(const std::vector<std::string_view>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

AnomalySet only(AnomalyKind k) {
  AnomalySet s;
  s.set(static_cast<size_t>(k));
  return s;
}

bool forbids(std::string_view model, AnomalyKind k) {
  std::string_view m[] = {model};
  return forbidden_anomalies(m).test(static_cast<size_t>(k));
}

TEST(ConsistencyModel, EveryImpliedModelExistsAndTheHierarchyIsAcyclic) {
  for (const auto& m : all_models()) {
    for (std::string_view weaker : m.implies) {
      ASSERT_NE(find_model(weaker), nullptr) << m.name << " implies unknown " << weaker;
      std::string_view w[] = {weaker};
      EXPECT_FALSE(contains(implied_models(w), m.name))
          << m.name << " and " << weaker << " imply each other";
    }
  }
}

TEST(ConsistencyModel, StrictSerializableImpliesEveryTransactionalModel) {
  std::string_view ss[] = {"strict-serializable"};
  auto below = implied_models(ss);
  for (std::string_view m :
       {"serializable", "snapshot-isolation", "repeatable-read", "cursor-stability",
        "monotonic-atomic-view", "read-committed", "read-uncommitted",
        "strong-session-serializable", "strong-snapshot-isolation"})
    EXPECT_TRUE(contains(below, m)) << m;
}

TEST(ConsistencyModel, SnapshotIsolationAndRepeatableReadAreIncomparable) {
  std::string_view si[] = {"snapshot-isolation"};
  std::string_view rr[] = {"repeatable-read"};
  EXPECT_FALSE(contains(implied_models(si), "repeatable-read"));
  EXPECT_FALSE(contains(implied_models(rr), "snapshot-isolation"));
  // Write skew separates them: SI allows it, PL-2.99 does not.
  EXPECT_FALSE(forbids("snapshot-isolation", AnomalyKind::kG2Item));
  EXPECT_TRUE(forbids("repeatable-read", AnomalyKind::kG2Item));
  // Read skew is forbidden by both (G-single-item implies G2-item).
  EXPECT_TRUE(forbids("snapshot-isolation", AnomalyKind::kGSingleItem));
  EXPECT_TRUE(forbids("repeatable-read", AnomalyKind::kGSingleItem));
}

TEST(ConsistencyModel, StrongerVariantsForbidTheirCycles) {
  EXPECT_FALSE(forbids("serializable", AnomalyKind::kG2ItemRealtime));
  EXPECT_TRUE(forbids("strict-serializable", AnomalyKind::kG2ItemRealtime));
  EXPECT_TRUE(forbids("strict-serializable", AnomalyKind::kG0Process));
  EXPECT_TRUE(forbids("strong-session-serializable", AnomalyKind::kGSingleItemProcess));
  EXPECT_FALSE(forbids("strong-session-serializable", AnomalyKind::kGSingleItemRealtime));
  EXPECT_TRUE(forbids("strong-session-read-committed", AnomalyKind::kG1cProcess));
  EXPECT_FALSE(forbids("read-committed", AnomalyKind::kG1cProcess));
}

TEST(ConsistencyModel, ReadCommittedAllowsWhatPostgresReadCommittedShows) {
  EXPECT_TRUE(forbids("read-committed", AnomalyKind::kG1a));
  EXPECT_TRUE(forbids("read-committed", AnomalyKind::kG0));
  EXPECT_TRUE(forbids("read-committed", AnomalyKind::kDirtyUpdate));
  EXPECT_TRUE(forbids("read-committed", AnomalyKind::kLostWrite));
  EXPECT_FALSE(forbids("read-committed", AnomalyKind::kLostUpdate));
  EXPECT_FALSE(forbids("read-committed", AnomalyKind::kGSingleItem));
  EXPECT_FALSE(forbids("read-committed", AnomalyKind::kInternal));
  EXPECT_TRUE(forbids("cursor-stability", AnomalyKind::kLostUpdate));
}

TEST(ConsistencyModel, ViolationsReportTheWeakestModels) {
  auto g2 = models_violated_by(only(AnomalyKind::kG2Item));
  EXPECT_TRUE(contains(g2.violated, "repeatable-read"));
  EXPECT_FALSE(contains(g2.violated, "serializable"));
  EXPECT_TRUE(contains(g2.also_violated, "serializable"));
  EXPECT_FALSE(contains(g2.violated, "snapshot-isolation"));
  EXPECT_FALSE(contains(g2.also_violated, "snapshot-isolation"));

  auto g0 = models_violated_by(only(AnomalyKind::kG0));
  EXPECT_EQ(g0.violated, std::vector<std::string_view>{"read-uncommitted"});

  EXPECT_TRUE(models_violated_by(AnomalySet{}).violated.empty());
}

TEST(ConsistencyModel, AliasesResolve) {
  ASSERT_NE(find_model("PL-SI"), nullptr);
  EXPECT_EQ(find_model("PL-SI")->name, "snapshot-isolation");
  EXPECT_EQ(find_model("PL-2.99")->name, "repeatable-read");
  EXPECT_EQ(find_model("no-such-model"), nullptr);
}

TEST(AnomalyKind, ImplicationClosureFollowsAdya) {
  AnomalySet g0 = implied_anomalies(only(AnomalyKind::kG0));
  EXPECT_TRUE(g0.test(static_cast<size_t>(AnomalyKind::kG1c)));
  EXPECT_TRUE(g0.test(static_cast<size_t>(AnomalyKind::kG1)));
  EXPECT_TRUE(g0.test(static_cast<size_t>(AnomalyKind::kG0Realtime)));
  EXPECT_FALSE(g0.test(static_cast<size_t>(AnomalyKind::kG2)));
  AnomalySet gs = implied_anomalies(only(AnomalyKind::kGSingleItem));
  EXPECT_TRUE(gs.test(static_cast<size_t>(AnomalyKind::kG2Item)));
  EXPECT_TRUE(gs.test(static_cast<size_t>(AnomalyKind::kGNonadjacent)));
  for (const auto& info : all_anomaly_kinds()) {
    EXPECT_EQ(parse_anomaly(info.name), info.kind) << info.name;
    EXPECT_EQ(anomaly_info(info.kind).kind, info.kind);
  }
}

TEST(PostgresClaims, LevelsMapToModelsThatExist) {
  for (const auto& level : all_postgres_levels())
    for (std::string_view m : level.models) EXPECT_NE(find_model(m), nullptr) << level.name;
  ASSERT_NE(find_postgres_level("REPEATABLE READ"), nullptr);
  EXPECT_EQ(find_postgres_level("REPEATABLE READ")->name, "repeatable-read");
  EXPECT_EQ(find_postgres_level("rr")->name, "repeatable-read");
  EXPECT_EQ(find_postgres_level("snapshot"), nullptr);
}

// The claims table and the models must agree: a phenomenon PostgreSQL says
// is impossible at a level must be shown only by anomalies the level's
// models forbid, or `check --isolation` and `verify` would disagree.
TEST(PostgresClaims, ImpossiblePhenomenaAreForbiddenByTheLevelsModels) {
  for (const auto& level : all_postgres_levels()) {
    AnomalySet forbidden = forbidden_anomalies(level.models);
    for (const auto& p : all_phenomena()) {
      if (level.possible[static_cast<size_t>(p.phenomenon)]) continue;
      for (AnomalyKind k : p.shown_by)
        EXPECT_TRUE(forbidden.test(static_cast<size_t>(k)))
            << level.name << " claims no " << p.name << " but its models allow " << anomaly_name(k);
    }
  }
}

TEST(PostgresClaims, EveryDirectlyFoundAnomalyShowsSomePhenomenon) {
  for (const auto& info : all_anomaly_kinds()) {
    if (!info.found_directly) continue;
    bool listed = false;
    for (const auto& p : all_phenomena())
      listed |= std::find(p.shown_by.begin(), p.shown_by.end(), info.kind) != p.shown_by.end();
    EXPECT_TRUE(listed) << info.name;
  }
}

}  // namespace
}  // namespace isocheck
