// Property tests of the whole checker against simulated histories: what a
// strictly serializable database produces must pass every model, and a
// history with one planted anomaly must be caught as that anomaly, with
// witnesses only among the planted transactions.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "bench/lib/history_generator.h"
#include "checker/check/check_history.h"

namespace isocheck::bench {
namespace {

std::string found_kinds(const CheckResult& r) {
  std::string out;
  for (const auto& [kind, count] : r.counts)
    out += std::string(anomaly_name(kind)) + " x" + std::to_string(count) + "; ";
  return out.empty() ? "none" : out;
}

GeneratorOptions mixed_options(Workload w, uint64_t seed, uint64_t txns) {
  GeneratorOptions o;
  o.workload = w;
  o.txns = txns;
  o.concurrency = 10;
  o.active_keys = 10;
  o.fail_rate = 0.05;
  o.info_rate = 0.05;
  o.final_reads = true;
  o.seed = seed;
  return o;
}

struct ValidCase {
  Workload workload;
  uint64_t seed;
};

class SimulatedSerialExecution : public ::testing::TestWithParam<ValidCase> {};

TEST_P(SimulatedSerialExecution, IsValidUnderEveryModel) {
  History h = generate_history(mixed_options(GetParam().workload, GetParam().seed, 5000)).history;
  for (const char* model : {"strict-serializable", "serializable", "snapshot-isolation"}) {
    CheckOptions options;
    options.models = {model};
    CheckResult r = check_history(h, options);
    EXPECT_EQ(r.valid, Validity::kValid) << model << ": found " << found_kinds(r);
    EXPECT_TRUE(r.counts.empty()) << model << ": found " << found_kinds(r);
    EXPECT_TRUE(r.violated.empty()) << model;
    EXPECT_EQ(r.stats.transactions, h.txns.size());
  }
}

INSTANTIATE_TEST_SUITE_P(
    SeveralSeeds, SimulatedSerialExecution,
    ::testing::Values(ValidCase{Workload::kListAppend, 1}, ValidCase{Workload::kListAppend, 2},
                      ValidCase{Workload::kListAppend, 3}, ValidCase{Workload::kRwRegister, 1},
                      ValidCase{Workload::kRwRegister, 2}, ValidCase{Workload::kRwRegister, 3}));

struct InjectedCase {
  InjectedAnomaly anomaly;
  Workload workload;
};

std::vector<InjectedCase> injected_cases() {
  std::vector<InjectedCase> cases;
  for (const auto& info : all_injected_anomalies())
    for (Workload w : {Workload::kListAppend, Workload::kRwRegister})
      if (can_inject(info.anomaly, w)) cases.push_back({info.anomaly, w});
  return cases;
}

std::string injected_case_name(const ::testing::TestParamInfo<InjectedCase>& info) {
  std::string name = std::string(injected_anomaly_name(info.param.anomaly)) + "_" +
                     workload_name(info.param.workload);
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !isalnum(c); }, '_');
  return name;
}

class InjectedAnomalyIsCaught : public ::testing::TestWithParam<InjectedCase> {};

TEST_P(InjectedAnomalyIsCaught, AsItsKindAndOnlyAmongThePlantedTransactions) {
  const InjectedAnomalyInfo& info = injected_anomaly_info(GetParam().anomaly);
  for (uint64_t seed : {11u, 12u}) {
    GeneratorOptions o = mixed_options(GetParam().workload, seed, 3000);
    o.inject = GetParam().anomaly;
    GeneratedHistory g = generate_history(o);
    ASSERT_TRUE(g.injected.has_value());

    CheckOptions options;
    options.models = {std::string(info.weakest_violated_model)};
    CheckResult r = check_history(g.history, options);

    EXPECT_EQ(r.valid, Validity::kInvalid) << "seed " << seed;
    EXPECT_TRUE(r.counts.contains(info.reported_as))
        << "seed " << seed << ": expected " << anomaly_name(info.reported_as) << ", found "
        << found_kinds(r);
    bool model_violated =
        std::count(r.violated.begin(), r.violated.end(), info.weakest_violated_model) +
            std::count(r.also_violated.begin(), r.also_violated.end(),
                       info.weakest_violated_model) >
        0;
    EXPECT_TRUE(model_violated) << info.weakest_violated_model << " not reported violated";

    const InjectionSite& site = *g.injected;
    for (const auto& [kind, witnesses] : r.witnesses)
      for (const Anomaly& a : witnesses)
        for (uint32_t t : a.txns)
          EXPECT_TRUE(t >= site.first_txn && t < site.first_txn + site.txn_count)
              << anomaly_name(kind) << " witness names T" << t << ", outside the planted T"
              << site.first_txn << "..T" << site.first_txn + site.txn_count - 1;
  }
}

INSTANTIATE_TEST_SUITE_P(EveryRecipe, InjectedAnomalyIsCaught,
                         ::testing::ValuesIn(injected_cases()), injected_case_name);

}  // namespace
}  // namespace isocheck::bench
