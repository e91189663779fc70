// find_shortest_cycle: the shortest simple cycle of one kind inside one
// strongly connected component, within a step budget.
//
// Every cycle of a kind contains a step of each kind the spec requires, so
// the search anchors on the edges u -> v of the rarest required kind inside
// the component and, from each, runs a breadth-first search over (vertex,
// automaton state) pairs from v back to u, never leaving the component and
// never passing through u. The first accepting return to u is the shortest
// cycle through that anchor; later anchors search only to a depth that
// could still beat the best so far. A closed walk that repeats a
// transaction is not a cycle and is passed over.
//
// One step of budget is one out-edge looked at. When the budget runs out
// the best cycle found so far (if any) is returned with `exhausted` set;
// it is a real cycle of the kind, just possibly not the shortest.
#pragma once

#include <cstdint>
#include <vector>

#include "checker/anomaly/anomaly.h"
#include "checker/cycles/cycle_automaton.h"
#include "checker/graph/dependency_graph.h"
#include "checker/graph/strong_components.h"

namespace isocheck {

struct ShortestCycle {
  std::vector<CycleStep> cycle;  // empty when none was found
  uint64_t steps = 0;
  bool exhausted = false;
};

// Buffers reused across searches so that one search allocates nothing per
// step; sized on first use.
struct CycleSearchScratch {
  std::vector<uint32_t> local_of;  // graph vertex -> position in its component
  std::vector<uint32_t> seen;      // (position, state) -> stamp of the search that saw it
  uint32_t stamp = 0;
  struct Entry {
    uint32_t vertex;
    uint32_t parent;  // index into `queue`, or kNoParent
    uint8_t state;
    EdgeKind kind;  // kind of the step into `vertex`
  };
  static constexpr uint32_t kNoParent = UINT32_MAX;
  std::vector<Entry> queue;
  std::vector<uint32_t> path;
};

// `anchor` must be a kind in automaton.spec().required().
ShortestCycle find_shortest_cycle(const DependencyGraph& graph, const Components& components,
                                  uint32_t component, const CycleAutomaton& automaton,
                                  EdgeKind anchor, uint64_t max_steps, CycleSearchScratch& scratch);

}  // namespace isocheck
