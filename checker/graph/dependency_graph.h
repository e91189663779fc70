// DependencyGraph: the transactions of a history and the dependencies
// between them, one edge per ordered pair with the mask of every kind that
// relates the pair.
//
// Built once from the edges that inference, process order and real-time
// order emitted; read-only afterwards. Stored as a Boost.Graph
// compressed_sparse_row_graph (32-bit vertex ids, one byte of mask per
// edge), so ten million transactions and a hundred million edges take about
// 0.6 GB. Out-edges of a vertex are sorted by target, which makes mask(u, v)
// a binary search.
//
// Contract: every edge has from != to and both ends < vertex_count, else
// the constructor throws std::invalid_argument naming the edge.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <span>
#include <vector>

#include "checker/graph/edge.h"

namespace isocheck {

class DependencyGraph {
 public:
  using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, EdgeMask,
                                                 boost::no_property, uint32_t, uint64_t>;

  // Consumes `edges` (sorted and merged in place, then released).
  DependencyGraph(uint32_t vertex_count, std::vector<Edge>&& edges);
  // The same for edges in several parts (inference, process order, real-time
  // order), each released as soon as it is bucketed: joining them first
  // would hold every edge twice (10M transactions: about 1 GB more at peak).
  DependencyGraph(uint32_t vertex_count, std::vector<std::vector<Edge>>&& parts);

  uint32_t vertex_count() const { return vertex_count_; }
  // Distinct ordered pairs, after merging.
  uint64_t edge_count() const { return boost::num_edges(csr_); }
  // Edges counted once per kind they carry.
  uint64_t kind_count(EdgeKind k) const { return kind_counts_[static_cast<int>(k)]; }
  // Union of the masks of all edges.
  EdgeMask kinds_present() const { return kinds_present_; }

  // Out-neighbours of u in increasing order, and the mask of each (same
  // positions).
  std::span<const uint32_t> targets(uint32_t u) const;
  std::span<const EdgeMask> masks(uint32_t u) const;

  // Mask of the edge u -> v; 0 when there is none.
  EdgeMask mask(uint32_t u, uint32_t v) const;

  // For Boost.Graph algorithms.
  const Csr& csr() const { return csr_; }

 private:
  uint64_t row_begin(uint32_t u) const { return csr_.m_forward.m_rowstart[u]; }
  uint64_t row_end(uint32_t u) const { return csr_.m_forward.m_rowstart[u + 1]; }

  uint32_t vertex_count_;
  Csr csr_;
  uint64_t kind_counts_[kEdgeKindCount] = {};
  EdgeMask kinds_present_ = 0;
};

}  // namespace isocheck
