// Structure of injected anomalies, checked without the checker: the planted
// transactions are where the generator says, touch only their own keys and
// processes, and land at different points for different seeds. Whether a
// checker reports them is tests/checker/property's business.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "bench/lib/anomaly_recipes.h"
#include "bench/lib/history_generator.h"

namespace isocheck::bench {
namespace {

struct Case {
  InjectedAnomaly anomaly;
  Workload workload;
};

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (const auto& info : all_injected_anomalies())
    for (Workload w : {Workload::kListAppend, Workload::kRwRegister})
      if (can_inject(info.anomaly, w)) cases.push_back({info.anomaly, w});
  return cases;
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = std::string(injected_anomaly_name(info.param.anomaly)) + "_" +
                     workload_name(info.param.workload);
  for (char& c : name)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

class InjectionStructure : public ::testing::TestWithParam<Case> {};

TEST_P(InjectionStructure, PlantedTransactionsAreIsolatedFromTheClients) {
  GeneratorOptions o;
  o.workload = GetParam().workload;
  o.txns = 2000;
  o.fail_rate = 0.05;
  o.info_rate = 0.05;
  o.final_reads = true;
  o.inject = GetParam().anomaly;
  GeneratedHistory g = generate_history(o);
  ASSERT_TRUE(g.injected.has_value());
  const AnomalyRecipe* recipe = find_recipe(GetParam().anomaly, GetParam().workload);
  ASSERT_NE(recipe, nullptr);
  const History& h = g.history;
  EXPECT_EQ(g.injected->txn_count, recipe->txns.size());
  EXPECT_EQ(h.txns.size(), o.txns + recipe->txns.size() + 1);  // + the final read

  auto planted = [&](size_t id) {
    return id >= g.injected->first_txn && id < g.injected->first_txn + g.injected->txn_count;
  };
  std::set<int64_t> planted_keys, planted_processes, other_keys, other_processes;
  for (size_t id = 0; id < h.txns.size(); ++id) {
    const Txn& t = h.txns[id];
    (planted(id) ? planted_processes : other_processes).insert(t.process);
    for (const Mop& m : h.mops_of(t)) (planted(id) ? planted_keys : other_keys).insert(m.key);
  }
  for (int64_t k : planted_keys) EXPECT_FALSE(other_keys.contains(k)) << "key " << k;
  for (int64_t p : planted_processes) EXPECT_FALSE(other_processes.contains(p)) << "process " << p;
  // A final read comes after every client transaction.
  bool final_read = std::any_of(recipe->txns.begin(), recipe->txns.end(),
                                [](const RecipeTxn& t) { return t.final_read; });
  if (final_read) {
    EXPECT_EQ(g.injected->first_txn, o.txns);
  }
  // Every planted transaction shows its recipe's outcome.
  for (size_t i = 0; i < recipe->txns.size(); ++i)
    EXPECT_EQ(h.txns[g.injected->first_txn + i].status, recipe->txns[i].status) << "T" << i;
}

class InjectionPosition : public ::testing::TestWithParam<Case> {};

TEST_P(InjectionPosition, LandsAtDifferentPointsForDifferentSeeds) {
  std::set<uint64_t> sites;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    GeneratorOptions o;
    o.workload = GetParam().workload;
    o.txns = 1000;
    o.inject = GetParam().anomaly;
    o.seed = seed;
    sites.insert(generate_history(o).injected->first_txn);
  }
  EXPECT_GE(sites.size(), 4u);
}

INSTANTIATE_TEST_SUITE_P(EveryRecipe, InjectionStructure, ::testing::ValuesIn(all_cases()),
                         case_name);

// Recipes with a final read always play after the run.
std::vector<Case> cases_without_final_reads() {
  std::vector<Case> cases;
  for (const Case& c : all_cases()) {
    const auto& txns = find_recipe(c.anomaly, c.workload)->txns;
    if (std::none_of(txns.begin(), txns.end(), [](const RecipeTxn& t) { return t.final_read; }))
      cases.push_back(c);
  }
  return cases;
}
INSTANTIATE_TEST_SUITE_P(EveryMidRunRecipe, InjectionPosition,
                         ::testing::ValuesIn(cases_without_final_reads()), case_name);

TEST(InjectedAnomalyCatalogue, NamesRoundTripAndEveryKindHasARecipe) {
  size_t list_only = 0, register_only = 0;
  for (const auto& info : all_injected_anomalies()) {
    EXPECT_EQ(parse_injected_anomaly(injected_anomaly_name(info.anomaly)), info.anomaly);
    EXPECT_EQ(&injected_anomaly_info(info.anomaly), &info);
    bool list = can_inject(info.anomaly, Workload::kListAppend);
    bool reg = can_inject(info.anomaly, Workload::kRwRegister);
    EXPECT_TRUE(list || reg) << injected_anomaly_name(info.anomaly);
    list_only += list && !reg;
    register_only += reg && !list;
  }
  EXPECT_EQ(list_only, 2u);      // duplicate-elements, incompatible-order
  EXPECT_EQ(register_only, 1u);  // cyclic-versions
  EXPECT_EQ(parse_injected_anomaly("G-single-item-realtime"),
            InjectedAnomaly::kGSingleItemRealtime);
  EXPECT_FALSE(parse_injected_anomaly("G7").has_value());
}

}  // namespace
}  // namespace isocheck::bench
