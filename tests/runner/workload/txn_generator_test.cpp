#include "runner/generate/txn_generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <vector>

namespace isocheck::runner {
namespace {

std::vector<PlannedMop> generate(const GeneratorOptions& options, int txns) {
  TxnGenerator gen(options);
  TxnPlan plan;
  std::vector<PlannedMop> all;
  for (int i = 0; i < txns; ++i) {
    gen.next(plan);
    all.push_back({MopKind::kReadList, -1, static_cast<int64_t>(plan.mops.size())});  // separator
    all.insert(all.end(), plan.mops.begin(), plan.mops.end());
  }
  return all;
}

bool same(const std::vector<PlannedMop>& a, const std::vector<PlannedMop>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].key != b[i].key || a[i].value != b[i].value) return false;
  }
  return true;
}

TEST(TxnGenerator, SameSeedAndOptionsGiveTheSameTransactions) {
  for (Workload w : {Workload::kListAppend, Workload::kRwRegister, Workload::kBank}) {
    GeneratorOptions o;
    o.workload = w;
    o.seed = 42;
    o.distribution = KeyDistribution::kHotspot;
    EXPECT_TRUE(same(generate(o, 2000), generate(o, 2000))) << workload_name(w);
    GeneratorOptions other = o;
    other.seed = 43;
    EXPECT_FALSE(same(generate(o, 2000), generate(other, 2000))) << workload_name(w);
  }
}

TEST(TxnGenerator, RotatesKeysAfterMaxWritesAndKeepsValuesUniquePerKey) {
  GeneratorOptions o;
  o.seed = 7;
  o.active_keys = 3;
  o.max_writes_per_key = 5;
  o.max_ops_per_txn = 6;
  o.read_ratio = 0.3;
  TxnGenerator gen(o);
  TxnPlan plan;
  std::map<int64_t, std::set<int64_t>> values;  // key -> values written
  size_t max_ops = 0, min_ops = 100;
  for (int i = 0; i < 5000; ++i) {
    gen.next(plan);
    max_ops = std::max(max_ops, plan.mops.size());
    min_ops = std::min(min_ops, plan.mops.size());
    for (const PlannedMop& m : plan.mops) {
      ASSERT_TRUE(m.kind == MopKind::kAppend || m.kind == MopKind::kReadList);
      ASSERT_GE(m.key, 0);
      ASSERT_LT(m.key, gen.key_count());
      if (m.kind == MopKind::kAppend) {
        EXPECT_TRUE(values[m.key].insert(m.value).second) << "value reused on key " << m.key;
      }
    }
  }
  EXPECT_EQ(max_ops, 6u);
  EXPECT_EQ(min_ops, 1u);
  for (const auto& [key, written] : values) EXPECT_LE(written.size(), 5u) << "key " << key;
  // About 0.7 * 3.5 writes per txn over 5000 txns at 5 per key: keys rotate.
  EXPECT_GT(gen.key_count(), 1000);
  size_t full = 0;
  for (const auto& [key, written] : values) full += written.size() == 5;
  EXPECT_GT(full, values.size() - 4) << "all but the active keys reach max writes";
}

TEST(TxnGenerator, AtMostActiveKeysAreInPlayAtOnce) {
  GeneratorOptions o;
  o.seed = 3;
  o.active_keys = 4;
  o.max_writes_per_key = 2;
  TxnGenerator gen(o);
  TxnPlan plan;
  std::map<int64_t, int> writes;
  std::set<int64_t> retired;
  for (int i = 0; i < 2000; ++i) {
    gen.next(plan);
    for (const PlannedMop& m : plan.mops) {
      EXPECT_FALSE(retired.contains(m.key)) << "retired key " << m.key << " used again";
      if (m.kind == MopKind::kAppend && ++writes[m.key] == 2) retired.insert(m.key);
    }
    EXPECT_EQ(gen.key_count() - static_cast<int64_t>(retired.size()), 4);
  }
}

TEST(TxnGenerator, RefreshedRetryValuesStayUniquePerKey) {
  GeneratorOptions o;
  o.workload = Workload::kRwRegister;
  o.read_ratio = 0.0;
  o.seed = 11;
  TxnGenerator gen(o);
  TxnPlan plan;
  std::map<int64_t, std::set<int64_t>> values;
  for (int i = 0; i < 500; ++i) {
    gen.next(plan);
    for (int attempt = 0; attempt < 3; ++attempt) {
      for (const PlannedMop& m : plan.mops) {
        ASSERT_EQ(m.kind, MopKind::kWrite);
        EXPECT_TRUE(values[m.key].insert(m.value).second);
      }
      gen.refresh_values(plan);
    }
  }
}

TEST(TxnGenerator, WorkerStridesNeverShareAValue) {
  std::map<int64_t, std::set<int64_t>> values;
  for (int64_t worker = 0; worker < 3; ++worker) {
    GeneratorOptions o;
    o.seed = 5;
    o.value_stride = 3;
    o.value_offset = worker;
    for (const PlannedMop& m : generate(o, 1000)) {
      if (m.key >= 0 && m.kind == MopKind::kAppend) {
        EXPECT_TRUE(values[m.key].insert(m.value).second) << "worker " << worker;
      }
    }
  }
}

// An epoch's keys: after start_fresh_keys no plan touches a key planned
// before it, and every key planned since lies in [first fresh key,
// key_count()).
TEST(TxnGenerator, FreshKeysAreNeverOnesPlannedBefore) {
  for (Workload w : {Workload::kListAppend, Workload::kRwRegister}) {
    GeneratorOptions o;
    o.workload = w;
    o.seed = 7;
    o.max_writes_per_key = 3;
    TxnGenerator g(o);
    TxnPlan plan;
    int64_t seen_max = -1;
    for (int epoch = 0; epoch < 5; ++epoch) {
      const int64_t first = epoch == 0 ? 0 : g.start_fresh_keys();
      EXPECT_GT(first, seen_max);
      for (int i = 0; i < 200; ++i) {
        g.next(plan);
        for (const PlannedMop& m : plan.mops) {
          EXPECT_GE(m.key, first) << "epoch " << epoch;
          EXPECT_LT(m.key, g.key_count()) << "epoch " << epoch;
          seen_max = std::max(seen_max, m.key);
        }
      }
    }
  }
  GeneratorOptions bank;
  bank.workload = Workload::kBank;
  TxnGenerator b(bank);
  EXPECT_THROW(b.start_fresh_keys(), std::logic_error);
}

TEST(TxnGenerator, HotspotFavoursTheFirstSlot) {
  GeneratorOptions o;
  o.seed = 9;
  o.workload = Workload::kBank;
  o.bank_accounts = 10;
  o.read_ratio = 0.0;
  o.distribution = KeyDistribution::kHotspot;
  TxnGenerator gen(o);
  TxnPlan plan;
  std::vector<int> from_count(10);
  int64_t net = 0;
  for (int i = 0; i < 20000; ++i) {
    gen.next(plan);
    ASSERT_EQ(plan.mops.size(), 2u);
    EXPECT_EQ(plan.mops[0].kind, MopKind::kAdjust);
    EXPECT_NE(plan.mops[0].key, plan.mops[1].key);
    EXPECT_LT(plan.mops[0].value, 0);
    EXPECT_GE(plan.mops[0].value, -o.max_transfer);
    net += plan.mops[0].value + plan.mops[1].value;
    ++from_count[static_cast<size_t>(plan.mops[0].key)];
  }
  EXPECT_EQ(net, 0);
  // Zipf(1) over 10: slot 0 has weight 1 / H(10) ~ 34%, slot 9 ~ 3.4%.
  EXPECT_GT(from_count[0], 5 * from_count[9]);
}

TEST(TxnGenerator, RejectsOutOfRangeOptionsByName) {
  GeneratorOptions o;
  o.read_ratio = 1.5;
  try {
    TxnGenerator gen(o);
    FAIL() << "accepted read_ratio 1.5";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("read-ratio"), std::string::npos);
  }
  EXPECT_EQ(parse_key_distribution("zipf"), KeyDistribution::kHotspot);
  EXPECT_FALSE(parse_key_distribution("gaussian").has_value());
}

}  // namespace
}  // namespace isocheck::runner
