#include "checker/cycles/cycle_search.h"

#include <algorithm>
#include <bit>
#include <optional>

#include "checker/cycles/cycle_automaton.h"
#include "checker/cycles/cycle_spec.h"
#include "checker/cycles/shortest_cycle.h"
#include "checker/graph/strong_components.h"

namespace isocheck {
namespace {

// A witness found so far: one of its transactions and every kind it implies,
// to skip implied kinds in any component that contains it.
struct FoundMark {
  uint32_t vertex;
  AnomalySet implied;
};

// Edges of each kind with both ends in component c.
std::array<uint64_t, kEdgeKindCount> kind_counts_in(const DependencyGraph& graph,
                                                    const Components& comps, uint32_t c) {
  std::array<uint64_t, kEdgeKindCount> counts{};
  for (uint32_t u : comps.members(c)) {
    const auto ts = graph.targets(u);
    const auto ms = graph.masks(u);
    for (size_t j = 0; j < ts.size(); ++j) {
      if (comps.component_of[ts[j]] != c) continue;
      for (int k = 0; k < kEdgeKindCount; ++k)
        if (has_kind(ms[j], static_cast<EdgeKind>(k))) ++counts[k];
    }
  }
  return counts;
}

// The required kind with the fewest edges in the component: every cycle of
// the kind has a step of it, and fewer anchors mean fewer searches.
std::optional<EdgeKind> rarest_required(const CycleSpec& spec,
                                        const std::array<uint64_t, kEdgeKindCount>& counts) {
  std::optional<EdgeKind> best;
  for (int k = 0; k < kEdgeKindCount; ++k) {
    const auto kind = static_cast<EdgeKind>(k);
    if (!has_kind(spec.required(), kind)) continue;
    if (counts[k] == 0) return std::nullopt;  // no cycle of this kind can exist here
    if (!best || counts[k] < counts[static_cast<int>(*best)]) best = kind;
  }
  return best;
}

Anomaly witness(AnomalyKind kind, std::vector<CycleStep>&& cycle) {
  Anomaly a;
  a.kind = kind;
  for (const CycleStep& s : cycle) a.txns.push_back(s.from);
  a.cycle = std::move(cycle);
  return a;
}

}  // namespace

CycleSearchResult find_cycles(const DependencyGraph& graph, const AnomalySet& wanted,
                              const CycleSearchLimits& limits) {
  CycleSearchResult result;
  std::vector<CycleAutomaton> automata;
  EdgeMask union_kinds = 0;
  for (const CycleSpec& spec : cycle_specs()) {
    if (!wanted.test(static_cast<size_t>(spec.kind))) continue;
    automata.emplace_back(spec);
    union_kinds |= spec.allowed();
  }
  if (automata.empty()) return result;

  const Components outer = nontrivial_components(graph, union_kinds);
  result.components = outer.count();
  for (size_t c = 0; c < outer.count(); ++c)
    result.largest_component = std::max(result.largest_component, outer.members(c).size());
  if (outer.count() == 0) return result;

  // Narrower edge sets first, so that a kind is searched after the kinds
  // that imply it (G0 before G0-process before G0-realtime; G0 before G1c).
  std::vector<EdgeMask> edge_sets;
  for (const auto& a : automata)
    if (std::find(edge_sets.begin(), edge_sets.end(), a.spec().allowed()) == edge_sets.end())
      edge_sets.push_back(a.spec().allowed());
  std::stable_sort(edge_sets.begin(), edge_sets.end(),
                   [](EdgeMask x, EdgeMask y) { return std::popcount(x) < std::popcount(y); });

  std::vector<uint8_t> in_outer(graph.vertex_count(), 0);
  for (uint32_t v : outer.vertices) in_outer[v] = 1;

  std::vector<FoundMark> found;
  CycleSearchScratch scratch;
  for (EdgeMask kinds : edge_sets) {
    const Components inner =
        kinds == union_kinds ? Components{} : nontrivial_components(graph, kinds, in_outer);
    const Components& comps = kinds == union_kinds ? outer : inner;
    for (uint32_t c = 0; c < comps.count(); ++c) {
      AnomalySet implied_here;
      for (const FoundMark& m : found)
        if (comps.component_of[m.vertex] == c) implied_here |= m.implied;
      const auto counts = kind_counts_in(graph, comps, c);
      for (const CycleAutomaton& automaton : automata) {
        const CycleSpec& spec = automaton.spec();
        if (spec.allowed() != kinds || implied_here.test(static_cast<size_t>(spec.kind))) continue;
        const auto anchor = rarest_required(spec, counts);
        if (!anchor) continue;
        ShortestCycle found_cycle = find_shortest_cycle(graph, comps, c, automaton, *anchor,
                                                        limits.max_steps_per_component, scratch);
        if (!found_cycle.cycle.empty()) {
          AnomalySet one;
          one.set(static_cast<size_t>(spec.kind));
          const AnomalySet implied = implied_anomalies(one);
          implied_here |= implied;
          found.push_back(FoundMark{found_cycle.cycle.front().from, implied});
          ++result.component_counts[static_cast<size_t>(spec.kind)];
          result.anomalies.push_back(witness(spec.kind, std::move(found_cycle.cycle)));
        } else if (found_cycle.exhausted) {
          result.incomplete.push_back(IncompleteSearch{
              spec.kind, std::string(anomaly_name(spec.kind)) + ": search stopped after " +
                             std::to_string(limits.max_steps_per_component) +
                             " steps in a strongly connected component of " +
                             std::to_string(comps.members(c).size()) +
                             " transactions without finding a cycle"});
        }
      }
    }
  }
  return result;
}

}  // namespace isocheck
