// PolygraphSolver: decides whether some choice, one per constraint, keeps a
// graph acyclic (Papadimitriou's polygraph, as PolySI uses it for version
// orders).
//
// The known edges must hold; each constraint offers two sets of edges, of
// which exactly one must hold (for a pair of writes to one key: "a before b"
// with its anti-dependencies, or "b before a" with its own). Solving:
//   1. prune: an option one of whose edges u -> v has a path v -> u in the
//      graph is refuted, so the other option is forced and added; repeated
//      until nothing changes (a refutation found is always real, so pruning
//      never guesses; searches for such paths are bounded, which may only
//      leave more to step 3);
//   2. an option whose edges all go forward in the graph's topological
//      order can never close a cycle, and is taken when the search reaches it;
//   3. backtracking over the rest, each step adding an option's edges with an
//      incremental cycle check, until every constraint holds or every
//      choice failed; at most `max_steps` option attempts, then the answer
//      is kUnknown.
// Contract: the known edges are acyclic (the caller found no cycle in them).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "checker/polygraph/ordered_graph.h"

namespace isocheck {

struct PolygraphConstraint {
  std::vector<LabelledEdge> options[2];
};

enum class PolygraphOutcome { kAcyclic, kCyclic, kUnknown };

struct PolygraphStats {
  uint64_t constraints = 0;
  uint64_t forced = 0;      // decided by pruning: the other option closes a cycle
  uint64_t free = 0;        // decided in the search by an option that cannot close a cycle
  uint64_t searched = 0;    // decided in the search by trying
  uint64_t backtracks = 0;  // choices the search undid
  uint64_t visits = 0;      // nodes visited by cycle checks
};

// Why a constraint was forced: the option refuted and the path that closes
// a cycle with one of its edges.
struct ForcedChoice {
  uint32_t constraint;
  int taken;  // 0 or 1
  LabelledEdge refuted_edge;
  std::vector<LabelledEdge> closing_path;  // refuted_edge.to ... refuted_edge.from
};

struct PolygraphResult {
  PolygraphOutcome outcome = PolygraphOutcome::kUnknown;
  // kAcyclic: the option taken per constraint. Else the decisions made.
  std::vector<int8_t> choice;
  // kCyclic: a cycle under the forced (and, if the search ran, the last
  // tried) choices.
  std::vector<LabelledEdge> cycle;
  bool cycle_after_search = false;
  std::vector<ForcedChoice> forced;
  // kAcyclic: each node's position in one topological order of the final
  // graph (the order all chosen edges agree with).
  std::vector<uint32_t> positions;
  PolygraphStats stats;
};

struct PolygraphLimits {
  uint64_t max_steps = 2'000'000;             // option attempts in the search
  uint64_t max_visits_per_refutation = 4096;  // nodes one pruning check may visit
};

// `rank` (optional, one per node) seeds the graph's order: options that go
// forward in it are free, so a rank that agrees with the likely answer
// saves search.
PolygraphResult solve_polygraph(uint32_t node_count, const std::vector<LabelledEdge>& known,
                                std::vector<PolygraphConstraint> constraints,
                                const PolygraphLimits& limits,
                                const std::vector<uint64_t>& rank = {});

}  // namespace isocheck
