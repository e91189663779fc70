// Invariants of the simulated histories, checked without the checker: the
// generator must produce well-formed, valid histories for the property
// tests and benchmarks to mean anything.
#include "bench/lib/history_generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

namespace isocheck::bench {
namespace {

GeneratorOptions busy_options(Workload w, uint64_t seed) {
  GeneratorOptions o;
  o.workload = w;
  o.txns = 5000;
  o.concurrency = 8;
  o.active_keys = 5;
  o.max_writes_per_key = 16;
  o.fail_rate = 0.1;
  o.info_rate = 0.1;
  o.final_reads = true;
  o.seed = seed;
  return o;
}

class GeneratorInvariants : public ::testing::TestWithParam<std::pair<Workload, uint64_t>> {
 protected:
  GeneratorOptions options() const { return busy_options(GetParam().first, GetParam().second); }
};

TEST_P(GeneratorInvariants, ProcessNeverInvokesAgainAfterInfo) {
  History h = generate_history(options()).history;
  std::map<int64_t, std::vector<const Txn*>> by_process;
  size_t infos = 0;
  for (const Txn& t : h.txns) by_process[t.process].push_back(&t);
  for (auto& [process, txns] : by_process) {
    for (size_t i = 0; i < txns.size(); ++i) {
      if (txns[i]->status != TxnStatus::kInfo) continue;
      ++infos;
      EXPECT_EQ(i + 1, txns.size()) << "process " << process << " invoked again after info";
    }
  }
  EXPECT_GT(infos, 100u);
  EXPECT_GT(by_process.size(), 100u);  // retired processes were replaced
}

TEST_P(GeneratorInvariants, EventsAreConsecutiveAndTimesIncrease) {
  History h = generate_history(options()).history;
  std::vector<std::pair<uint64_t, int64_t>> events;
  for (const Txn& t : h.txns) {
    ASSERT_TRUE(t.completed());
    ASSERT_LT(t.invoke_ns, t.complete_ns);
    events.emplace_back(t.invoke_index, t.invoke_ns);
    events.emplace_back(t.complete_index, t.complete_ns);
  }
  std::sort(events.begin(), events.end());
  for (size_t i = 0; i < events.size(); ++i) {
    ASSERT_EQ(events[i].first, i);
    if (i > 0) {
      ASSERT_GT(events[i].second, events[i - 1].second) << "event " << i;
    }
  }
}

TEST_P(GeneratorInvariants, WrittenValuesAreUniquePerKeyAndKeysRotate) {
  GeneratorOptions o = options();
  History h = generate_history(o).history;
  std::set<std::pair<int64_t, int64_t>> written;
  std::map<int64_t, uint32_t> writes_per_key;
  for (const Mop& m : h.mops) {
    if (!m.is_write()) continue;
    EXPECT_TRUE(written.emplace(m.key, m.value).second) << "key " << m.key << " value " << m.value;
    ++writes_per_key[m.key];
  }
  size_t full = 0;
  for (auto [key, n] : writes_per_key) {
    EXPECT_LE(n, o.max_writes_per_key) << "key " << key;
    full += n == o.max_writes_per_key;
  }
  EXPECT_GT(full, 100u);  // keys filled up and were replaced
}

// Every committed read is explained by a serial order: reads of a list are
// prefixes of one another, contain only values of transactions that did
// not fail, and include the reader's own earlier appends.
TEST_P(GeneratorInvariants, ReadsAgreeWithOneSerialOrder) {
  History h = generate_history(options()).history;
  std::set<std::pair<int64_t, int64_t>> failed_writes, possible_writes;
  for (const Txn& t : h.txns)
    for (const Mop& m : h.mops_of(t))
      if (m.is_write())
        (t.status == TxnStatus::kFail ? failed_writes : possible_writes).emplace(m.key, m.value);

  std::map<int64_t, std::vector<int64_t>> longest;
  for (const Mop& m : h.mops)
    if (m.kind == MopKind::kReadList && m.has_result && m.list_size > longest[m.key].size())
      longest[m.key].assign(h.list_of(m).begin(), h.list_of(m).end());

  size_t reads = 0;
  for (const Txn& t : h.txns) {
    if (t.status != TxnStatus::kOk) continue;
    std::map<int64_t, int64_t> own_last;  // key -> this txn's latest write
    for (const Mop& m : h.mops_of(t)) {
      if (m.is_write()) {
        own_last[m.key] = m.value;
        continue;
      }
      ASSERT_TRUE(m.has_result);
      ++reads;
      std::vector<int64_t> seen;
      if (m.kind == MopKind::kReadList) seen.assign(h.list_of(m).begin(), h.list_of(m).end());
      if (m.kind == MopKind::kReadRegister && !m.is_nil) seen.push_back(m.value);
      for (int64_t v : seen) {
        EXPECT_FALSE(failed_writes.contains({m.key, v})) << "read a failed write";
        EXPECT_TRUE(possible_writes.contains({m.key, v})) << "read a value nobody wrote";
      }
      if (m.kind == MopKind::kReadList) {
        const auto& full = longest[m.key];
        EXPECT_TRUE(std::equal(seen.begin(), seen.end(), full.begin())) << "not a prefix";
      }
      if (auto own = own_last.find(m.key); own != own_last.end()) {
        ASSERT_FALSE(seen.empty());
        EXPECT_EQ(seen.back(), own->second) << "missed its own write";
      }
    }
  }
  EXPECT_GT(reads, 1000u);
}

TEST_P(GeneratorInvariants, FinalReadSeesEveryAcknowledgedWriteOfActiveKeys) {
  History h = generate_history(options()).history;
  ASSERT_FALSE(h.txns.empty());
  const Txn& last = h.txns.back();
  ASSERT_TRUE(last.final_read);
  ASSERT_EQ(last.status, TxnStatus::kOk);
  std::map<int64_t, std::set<int64_t>> final_values;
  for (const Mop& m : h.mops_of(last)) {
    ASSERT_TRUE(m.is_read());
    auto& values = final_values[m.key];
    if (m.kind == MopKind::kReadList) values.insert(h.list_of(m).begin(), h.list_of(m).end());
    if (m.kind == MopKind::kReadRegister && !m.is_nil) values.insert(m.value);
  }
  EXPECT_EQ(final_values.size(), options().active_keys);
  size_t checked = 0;
  for (size_t i = 0; i + 1 < h.txns.size(); ++i) {
    const Txn& t = h.txns[i];
    if (t.status != TxnStatus::kOk || h.header.workload != Workload::kListAppend) continue;
    for (const Mop& m : h.mops_of(t)) {
      auto it = final_values.find(m.key);
      if (!m.is_write() || it == final_values.end()) continue;
      EXPECT_TRUE(it->second.contains(m.value)) << "lost append " << m.value << " to " << m.key;
      ++checked;
    }
  }
  if (h.header.workload == Workload::kListAppend) {
    EXPECT_GT(checked, 0u);
  }
}

TEST_P(GeneratorInvariants, IndeterminateTransactionsSometimesApply) {
  History h = generate_history(options()).history;
  std::set<std::pair<int64_t, int64_t>> read_values;
  for (const Mop& m : h.mops) {
    if (m.kind == MopKind::kReadList)
      for (int64_t v : h.list_of(m)) read_values.emplace(m.key, v);
    if (m.kind == MopKind::kReadRegister && m.has_result && !m.is_nil)
      read_values.emplace(m.key, m.value);
  }
  size_t seen = 0, unseen = 0;
  for (const Txn& t : h.txns) {
    if (t.status != TxnStatus::kInfo) continue;
    for (const Mop& m : h.mops_of(t))
      if (m.kind == MopKind::kAppend) ++(read_values.contains({m.key, m.value}) ? seen : unseen);
  }
  if (h.header.workload == Workload::kListAppend) {
    EXPECT_GT(seen, 0u);
    EXPECT_GT(unseen, 0u);
  }
}

TEST_P(GeneratorInvariants, SameSeedSameHistory) {
  History a = generate_history(options()).history;
  History b = generate_history(options()).history;
  GeneratorOptions other = options();
  other.seed += 1000;
  History c = generate_history(other).history;
  auto txn_key = [](const Txn& t) {
    return std::tuple(t.process, t.invoke_ns, t.complete_ns, t.invoke_index, t.complete_index,
                      t.mop_begin, t.mop_count, t.status, t.final_read);
  };
  auto mop_key = [](const Mop& m) {
    return std::tuple(m.key, m.value, m.list_begin, m.list_size, m.kind, m.has_result, m.is_nil);
  };
  auto same = [&](const History& x, const History& y) {
    return std::equal(x.txns.begin(), x.txns.end(), y.txns.begin(), y.txns.end(),
                      [&](const Txn& p, const Txn& q) { return txn_key(p) == txn_key(q); }) &&
           std::equal(x.mops.begin(), x.mops.end(), y.mops.begin(), y.mops.end(),
                      [&](const Mop& p, const Mop& q) { return mop_key(p) == mop_key(q); }) &&
           x.list_values == y.list_values;
  };
  EXPECT_TRUE(same(a, b));
  EXPECT_FALSE(same(a, c));
}

INSTANTIATE_TEST_SUITE_P(BothWorkloads, GeneratorInvariants,
                         ::testing::Values(std::pair(Workload::kListAppend, 1u),
                                           std::pair(Workload::kListAppend, 2u),
                                           std::pair(Workload::kRwRegister, 1u),
                                           std::pair(Workload::kRwRegister, 2u)));

TEST(GeneratorOptions, RejectsWhatCannotBeGenerated) {
  GeneratorOptions o;
  o.concurrency = 0;
  EXPECT_THROW(generate_history(o), std::invalid_argument);
  o = {};
  o.min_mops = 5;
  o.max_mops = 4;
  EXPECT_THROW(generate_history(o), std::invalid_argument);
  o = {};
  o.fail_rate = 0.7;
  o.info_rate = 0.7;
  EXPECT_THROW(generate_history(o), std::invalid_argument);
  o = {};
  o.workload = Workload::kRwRegister;
  o.inject = InjectedAnomaly::kDuplicateElements;
  EXPECT_THROW(generate_history(o), std::invalid_argument);
  o = {};
  o.workload = Workload::kBank;
  EXPECT_THROW(generate_history(o), std::invalid_argument);
}

}  // namespace
}  // namespace isocheck::bench
