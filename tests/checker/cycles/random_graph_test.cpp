// find_cycles against brute force on small random graphs: every simple
// cycle is enumerated with every choice of kind per step, and the search
// must find (or skip as implied) each kind in each component, with a
// witness as short as the shortest such cycle.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <vector>

#include "checker/cycles/cycle_search.h"
#include "checker/cycles/cycle_spec.h"
#include "checker/graph/strong_components.h"
#include "tests/checker/cycles/witness_check.h"

namespace isocheck {
namespace {

using testing::is_valid_witness;

struct BruteCycle {
  AnomalyKind kind;
  std::vector<uint32_t> vertices;
};

// Every simple cycle (each once, starting at its smallest vertex) with every
// choice of one kind per step, classified.
std::vector<BruteCycle> all_cycles(const DependencyGraph& g) {
  std::vector<BruteCycle> out;
  const uint32_t n = g.vertex_count();
  std::vector<uint32_t> path;
  std::vector<bool> on_path(n, false);
  std::vector<EdgeKind> kinds;
  std::function<void(uint32_t)> classify_all = [&](uint32_t i) {
    if (i == path.size()) {
      for (const CycleSpec& s : cycle_specs())
        if (s.matches(kinds)) out.push_back({s.kind, path});
      return;
    }
    const EdgeMask m = g.mask(path[i], path[(i + 1) % path.size()]);
    for (int k = 0; k < kEdgeKindCount; ++k) {
      if (!has_kind(m, static_cast<EdgeKind>(k))) continue;
      kinds[i] = static_cast<EdgeKind>(k);
      classify_all(i + 1);
    }
  };
  std::function<void(uint32_t, uint32_t)> extend = [&](uint32_t start, uint32_t u) {
    for (uint32_t v : g.targets(u)) {
      if (v == start) {
        kinds.assign(path.size(), EdgeKind::kWw);
        classify_all(0);
      } else if (v > start && !on_path[v]) {
        on_path[v] = true;
        path.push_back(v);
        extend(start, v);
        path.pop_back();
        on_path[v] = false;
      }
    }
  };
  for (uint32_t s = 0; s < n; ++s) {
    path = {s};
    on_path[s] = true;
    extend(s, s);
    on_path[s] = false;
  }
  return out;
}

DependencyGraph random_graph(std::mt19937& rng) {
  const uint32_t n = 2 + rng() % 6;
  const size_t m = n + rng() % (3 * n);
  std::vector<Edge> edges;
  for (size_t i = 0; i < m; ++i) {
    const uint32_t a = rng() % n, b = rng() % n;
    if (a == b) continue;
    // Data kinds more often than session kinds, as in real histories.
    const unsigned r = rng() % 12;
    const EdgeKind k = r < 3    ? EdgeKind::kWw
                       : r < 6  ? EdgeKind::kWr
                       : r < 8  ? EdgeKind::kRw
                       : r < 10 ? EdgeKind::kPredicateRw
                       : r < 11 ? EdgeKind::kProcess
                                : EdgeKind::kRealtime;
    edges.push_back({a, b, k});
  }
  return DependencyGraph(n, std::move(edges));
}

AnomalySet implied_by(AnomalyKind k) {
  AnomalySet s;
  s.set(static_cast<size_t>(k));
  return implied_anomalies(s);
}

TEST(FindCyclesRandom, AgreesWithBruteForceAndWitnessesAreShortest) {
  std::mt19937 rng(1234);
  AnomalySet seen_somewhere;
  for (int round = 0; round < 1500; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const DependencyGraph g = random_graph(rng);
    const CycleSearchResult r = find_cycles(g, cycle_kinds(), CycleSearchLimits{10'000'000});
    ASSERT_TRUE(r.incomplete.empty());
    for (const Anomaly& a : r.anomalies) ASSERT_TRUE(is_valid_witness(g, a));

    const auto brute = all_cycles(g);
    std::map<EdgeMask, Components> comps;
    for (const CycleSpec& s : cycle_specs())
      if (!comps.contains(s.allowed())) comps[s.allowed()] = nontrivial_components(g, s.allowed());

    for (const BruteCycle& c : brute) {
      seen_somewhere.set(static_cast<size_t>(c.kind));
      const Components& cc = comps.at(cycle_spec(c.kind)->allowed());
      const uint32_t x = cc.component_of[c.vertices[0]];
      ASSERT_NE(x, Components::kNone);
      // Found here, or implied by a kind found here.
      bool covered = false;
      for (const Anomaly& a : r.anomalies)
        if (cc.component_of[a.txns[0]] == x && implied_by(a.kind).test(static_cast<size_t>(c.kind)))
          covered = true;
      ASSERT_TRUE(covered) << anomaly_name(c.kind) << " cycle of length " << c.vertices.size()
                           << " missed";
    }
    for (const Anomaly& a : r.anomalies) {
      const Components& cc = comps.at(cycle_spec(a.kind)->allowed());
      const uint32_t x = cc.component_of[a.txns[0]];
      size_t shortest = std::numeric_limits<size_t>::max();
      for (const BruteCycle& c : brute)
        if (c.kind == a.kind && cc.component_of[c.vertices[0]] == x)
          shortest = std::min(shortest, c.vertices.size());
      ASSERT_EQ(a.cycle.size(), shortest) << anomaly_name(a.kind);
    }
  }
  // The random graphs exercised every kind.
  EXPECT_EQ(seen_somewhere, cycle_kinds());
}

TEST(FindCyclesRandom, SmallBudgetsGiveValidWitnessesOrSayWhatWasNotSearched) {
  std::mt19937 rng(99);
  for (int round = 0; round < 1500; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const DependencyGraph g = random_graph(rng);
    const CycleSearchResult r = find_cycles(g, cycle_kinds(), CycleSearchLimits{1 + rng() % 12});
    AnomalySet covered;
    for (const Anomaly& a : r.anomalies) {
      ASSERT_TRUE(is_valid_witness(g, a));
      covered |= implied_by(a.kind);
    }
    AnomalySet incomplete;
    for (const IncompleteSearch& s : r.incomplete) incomplete.set(static_cast<size_t>(s.kind));
    for (const BruteCycle& c : all_cycles(g)) {
      if (covered.test(static_cast<size_t>(c.kind))) continue;
      ASSERT_TRUE(incomplete.any()) << anomaly_name(c.kind) << " missed without a word";
    }
  }
}

}  // namespace
}  // namespace isocheck
