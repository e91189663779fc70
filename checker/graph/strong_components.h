// nontrivial_components: the strongly connected components with two or more
// transactions of the dependency graph restricted to some edge kinds (and
// optionally to some vertices). Only those can hold a cycle, since the graph
// has no self-edges.
//
// Computed with boost::strong_components (Tarjan, iterative DFS) on the CSR
// graph, filtered only when the restriction excludes something, so the
// common case — every kind wanted, no cycle — costs one linear pass.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "checker/graph/dependency_graph.h"

namespace isocheck {

struct Components {
  static constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

  // Per vertex of the graph: its non-trivial component, or kNone.
  std::vector<uint32_t> component_of;
  // Members of component c are vertices[offsets[c], offsets[c + 1]), in
  // increasing order.
  std::vector<uint64_t> offsets{0};
  std::vector<uint32_t> vertices;

  size_t count() const { return offsets.size() - 1; }
  std::span<const uint32_t> members(size_t c) const {
    return {vertices.data() + offsets[c], static_cast<size_t>(offsets[c + 1] - offsets[c])};
  }
};

// Components of the subgraph of edges carrying a kind in `kinds`. When
// `keep` is not empty (one entry per vertex), vertices with keep[v] == 0 and
// their edges are left out.
Components nontrivial_components(const DependencyGraph& graph, EdgeMask kinds,
                                 std::span<const uint8_t> keep = {});

}  // namespace isocheck
