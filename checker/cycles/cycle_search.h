// find_cycles: every wanted cycle anomaly of a dependency graph, with the
// shortest witness cycle of each kind in each strongly connected component.
//
// Method: strongly connected components of the graph restricted to the edge
// kinds the wanted kinds may use (one pass; a valid history usually stops
// here), then, inside the non-trivial ones, components again for each
// distinct set of kinds a spec allows, and in each of those a shortest-cycle
// search per wanted kind (see shortest_cycle.h). A kind is not searched in
// a component where a kind found already implies it (G0 found: no
// G0-process search there), per implied_anomalies().
//
// Witnesses have `kind`, `txns` (cycle order) and `cycle` (the edge kind
// each step relies on); `steps` and `summary` are left for the explainer.
// A search that runs out of budget before finding its kind is reported in
// `incomplete` — never dropped silently.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "checker/anomaly/anomaly.h"
#include "checker/anomaly/anomaly_kind.h"
#include "checker/graph/dependency_graph.h"

namespace isocheck {

struct CycleSearchLimits {
  // Out-edges looked at for one kind in one component.
  uint64_t max_steps_per_component = 50'000'000;
};

struct IncompleteSearch {
  AnomalyKind kind;
  std::string reason;  // names the kind, the component size and the steps spent
};

struct CycleSearchResult {
  // One witness per kind per component where it was found.
  std::vector<Anomaly> anomalies;
  // Per AnomalyKind: how many components showed it (found, not implied).
  std::array<uint64_t, kAnomalyKindCount> component_counts{};
  std::vector<IncompleteSearch> incomplete;
  // Non-trivial components of the graph restricted to the wanted kinds'
  // edges, and the transactions in the largest.
  size_t components = 0;
  size_t largest_component = 0;
};

// Kinds in `wanted` that are not cycle kinds are ignored.
CycleSearchResult find_cycles(const DependencyGraph& graph, const AnomalySet& wanted,
                              const CycleSearchLimits& limits);

}  // namespace isocheck
