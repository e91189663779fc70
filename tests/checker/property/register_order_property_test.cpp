// Property: on random small rw-register histories (at most 8 transactions,
// 3 keys, overlapping in time, in up to 3 sessions), the checker's verdict
// for each model equals brute force over every version order of every key:
// valid exactly when some combination of orders leaves no cycle the model
// forbids in the dependency graph built from it (Adya's edges; snapshot
// isolation forbids cycles without two adjacent anti-dependencies).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "checker/check/check_history.h"
#include "checker/common/random_stream.h"
#include "tests/support/history_dsl.h"

namespace isocheck {
namespace {

using namespace isocheck::testing;

struct PlannedTxn {
  int64_t process = 0;
  std::vector<DslMop> mops;
  // Per key: the value written (0: none) and the value read externally
  // (-1: no read, 0: nil).
  std::map<int64_t, int64_t> wrote, read;
};

struct Plan {
  std::vector<PlannedTxn> txns;                         // in invocation order: index == txn id
  std::vector<std::pair<uint32_t, uint32_t>> realtime;  // a completed before b was invoked
  int64_t keys = 0;
};

Plan random_plan(RandomStream& rng) {
  Plan p;
  const int n = static_cast<int>(rng.between(2, 8));
  p.keys = rng.between(1, 3);
  for (int t = 0; t < n; ++t) {
    PlannedTxn txn;
    txn.process = rng.between(0, 2);
    for (int64_t k = 1; k <= p.keys; ++k) {
      const auto shape = rng.below(4);  // none, read, write, read then write
      if (shape == 1 || shape == 3) txn.read[k] = 0;
      if (shape >= 2) txn.wrote[k] = k * 100 + t + 1;
    }
    if (txn.read.empty() && txn.wrote.empty()) txn.wrote[1] = 100 + t + 1;
    p.txns.push_back(std::move(txn));
  }
  // Each read returns nil or some other transaction's write of the key.
  for (size_t t = 0; t < p.txns.size(); ++t) {
    for (auto& [k, value] : p.txns[t].read) {
      std::vector<int64_t> choices{0};
      for (size_t u = 0; u < p.txns.size(); ++u)
        if (u != t && p.txns[u].wrote.contains(k)) choices.push_back(p.txns[u].wrote.at(k));
      value = choices[rng.below(choices.size())];
    }
    PlannedTxn& txn = p.txns[t];
    for (int64_t k = 1; k <= p.keys; ++k) {
      if (txn.read.contains(k))
        txn.mops.push_back(txn.read.at(k) == 0 ? read_nil(k) : read(k, txn.read.at(k)));
      if (txn.wrote.contains(k)) txn.mops.push_back(write(k, txn.wrote.at(k)));
    }
  }
  return p;
}

// Invokes in plan order, completing open transactions at random points; a
// session's next transaction waits for its previous one.
History record(Plan& p, RandomStream& rng) {
  HistoryDsl h;
  std::vector<uint32_t> open;
  std::vector<bool> done(p.txns.size(), false);
  size_t next = 0;
  auto busy = [&](int64_t process) {
    return std::any_of(open.begin(), open.end(),
                       [&](uint32_t t) { return p.txns[t].process == process; });
  };
  while (next < p.txns.size() || !open.empty()) {
    const bool can_invoke = next < p.txns.size() && !busy(p.txns[next].process);
    if (can_invoke && (open.empty() || rng.chance(0.5))) {
      const uint32_t id = h.invoke(p.txns[next].process, p.txns[next].mops);
      for (size_t u = 0; u < p.txns.size(); ++u)
        if (done[u]) p.realtime.emplace_back(static_cast<uint32_t>(u), id);
      open.push_back(id);
      ++next;
    } else {
      const size_t i = rng.below(open.size());
      h.complete_ok(open[i]);
      done[open[i]] = true;
      open.erase(open.begin() + static_cast<ptrdiff_t>(i));
    }
  }
  return h.build();
}

struct Rules {
  const char* model;
  bool snapshot, process, realtime;
};

constexpr Rules kModels[] = {
    {"serializable", false, false, false},
    {"snapshot-isolation", true, false, false},
    {"strong-session-serializable", false, true, false},
    {"strong-session-snapshot-isolation", true, true, false},
    {"strict-serializable", false, true, true},
};

struct Dep {
  uint32_t from, to;
  bool rw;
};

bool acyclic(uint32_t n, const std::vector<Dep>& deps, bool snapshot) {
  // Snapshot isolation: two copies per transaction, an rw edge leads to the
  // "after rw" copy, from which no rw edge leaves.
  const uint32_t nodes = snapshot ? 2 * n : n;
  std::vector<std::vector<uint32_t>> out(nodes);
  for (const Dep& d : deps) {
    if (!snapshot) {
      out[d.from].push_back(d.to);
    } else if (d.rw) {
      out[2 * d.from].push_back(2 * d.to + 1);
    } else {
      out[2 * d.from].push_back(2 * d.to);
      out[2 * d.from + 1].push_back(2 * d.to);
    }
  }
  std::vector<int> colour(nodes, 0);
  std::vector<std::pair<uint32_t, size_t>> stack;
  for (uint32_t s = 0; s < nodes; ++s) {
    if (colour[s] != 0) continue;
    stack.assign(1, {s, 0});
    colour[s] = 1;
    while (!stack.empty()) {
      auto& [v, i] = stack.back();
      if (i < out[v].size()) {
        const uint32_t u = out[v][i++];
        if (colour[u] == 1) return false;
        if (colour[u] == 0) {
          colour[u] = 1;
          stack.emplace_back(u, 0);
        }
      } else {
        colour[v] = 2;
        stack.pop_back();
      }
    }
  }
  return true;
}

// Dependencies under one version order per key (writer txns, in order).
std::vector<Dep> dependencies(const Plan& p, const std::vector<std::vector<uint32_t>>& orders,
                              const Rules& m) {
  std::vector<Dep> deps;
  const uint32_t n = static_cast<uint32_t>(p.txns.size());
  for (int64_t k = 1; k <= p.keys; ++k) {
    const auto& order = orders[static_cast<size_t>(k - 1)];
    for (size_t i = 0; i + 1 < order.size(); ++i) deps.push_back({order[i], order[i + 1], false});
    for (uint32_t r = 0; r < n; ++r) {
      if (!p.txns[r].read.contains(k)) continue;
      const int64_t v = p.txns[r].read.at(k);
      // Position of the version read: -1 for nil.
      long pos = -1;
      for (size_t i = 0; i < order.size(); ++i)
        if (p.txns[order[i]].wrote.at(k) == v) pos = static_cast<long>(i);
      if (pos >= 0) deps.push_back({order[static_cast<size_t>(pos)], r, false});
      const size_t after = static_cast<size_t>(pos + 1);
      if (after < order.size() && order[after] != r) deps.push_back({r, order[after], true});
    }
  }
  for (uint32_t a = 0; a < n; ++a)
    for (uint32_t b = a + 1; b < n && m.process; ++b)
      if (p.txns[a].process == p.txns[b].process) {
        deps.push_back({a, b, false});
        break;
      }
  if (m.realtime)
    for (auto [a, b] : p.realtime) deps.push_back({a, b, false});
  return deps;
}

bool brute_force_valid(const Plan& p, const Rules& m) {
  std::vector<std::vector<uint32_t>> orders(static_cast<size_t>(p.keys));
  for (int64_t k = 1; k <= p.keys; ++k)
    for (uint32_t t = 0; t < p.txns.size(); ++t)
      if (p.txns[t].wrote.contains(k)) orders[static_cast<size_t>(k - 1)].push_back(t);
  for (auto& o : orders) std::sort(o.begin(), o.end());
  // Odometer over the permutations of every key.
  for (;;) {
    if (acyclic(static_cast<uint32_t>(p.txns.size()), dependencies(p, orders, m), m.snapshot))
      return true;
    size_t k = 0;
    while (k < orders.size() && !std::next_permutation(orders[k].begin(), orders[k].end())) ++k;
    if (k == orders.size()) return false;
  }
}

uint64_t order_count(const Plan& p) {
  uint64_t total = 1;
  for (int64_t k = 1; k <= p.keys; ++k) {
    uint64_t writers = 0;
    for (const PlannedTxn& t : p.txns) writers += t.wrote.contains(k);
    for (uint64_t i = 2; i <= writers; ++i) total *= i;
  }
  return total;
}

TEST(RegisterOrderProperty, VerdictEqualsBruteForceOverAllVersionOrders) {
  RandomStream rng(20261203);
  int checked = 0;
  std::map<std::string, int> invalid_by_model;
  for (int round = 0; checked < 400 && round < 5000; ++round) {
    Plan p = random_plan(rng);
    if (order_count(p) > 3000) continue;
    History h = record(p, rng);
    ++checked;
    for (const Rules& m : kModels) {
      CheckOptions o;
      o.models = {m.model};
      o.workload = Workload::kRwRegister;
      CheckResult r = check_history(h, o);
      ASSERT_NE(r.valid, Validity::kUnknown) << m.model << " round " << round;
      const bool expected = brute_force_valid(p, m);
      ASSERT_EQ(r.valid == Validity::kValid, expected)
          << m.model << " round " << round << " (" << p.txns.size() << " txns)";
      if (!expected) ++invalid_by_model[m.model];
    }
  }
  EXPECT_EQ(checked, 400);
  // Both verdicts occur for every model, or the property says little.
  for (const Rules& m : kModels) {
    EXPECT_GT(invalid_by_model[m.model], 20) << m.model;
    EXPECT_LT(invalid_by_model[m.model], checked - 20) << m.model;
  }
}

}  // namespace
}  // namespace isocheck
