#include "checker/graph/dependency_graph.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>

namespace isocheck {
namespace {

void validate(uint32_t vertex_count, const std::vector<std::vector<Edge>>& parts) {
  size_t i = 0;
  for (const std::vector<Edge>& edges : parts) {
    for (const Edge& e : edges) {
      if (e.from < vertex_count && e.to < vertex_count && e.from != e.to &&
          static_cast<int>(e.kind) < kEdgeKindCount) {
        ++i;
        continue;
      }
      throw std::invalid_argument("dependency graph: edge " + std::to_string(i) + " (T" +
                                  std::to_string(e.from) + " -> T" + std::to_string(e.to) +
                                  ") is a self-edge, names no transaction or has no kind");
    }
  }
}

std::vector<std::vector<Edge>> one_part(std::vector<Edge>&& edges) {
  std::vector<std::vector<Edge>> parts;
  parts.push_back(std::move(edges));
  return parts;
}

// A packed edge: target << kKindBits | kind, four bytes where an Edge takes
// twelve (the graph of 10M transactions has ~100M edges before merging).
constexpr unsigned kKindBits = 3;
static_assert(kEdgeKindCount <= (1 << kKindBits));
constexpr uint32_t kMaxVertices = uint32_t{1} << (32 - kKindBits);

// Iterates the merged edges, row by row, yielding the (source, target) pairs
// Boost's sorted-edge constructor reads through operator->: targets are
// packed[i], and row u holds [row_start[u], row_start[u + 1]).
class PairIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = std::pair<uint32_t, uint32_t>;
  using difference_type = std::ptrdiff_t;
  using pointer = const value_type*;
  using reference = const value_type&;

  PairIterator(const uint32_t* targets, const uint64_t* row_start, uint32_t rows, uint64_t i)
      : targets_(targets), row_start_(row_start), rows_(rows), i_(i) {
    skip_ended_rows();
  }
  const value_type* operator->() {
    pair_ = **this;
    return &pair_;
  }
  value_type operator*() const { return {u_, targets_[i_]}; }
  PairIterator& operator++() {
    ++i_;
    skip_ended_rows();
    return *this;
  }
  bool operator==(const PairIterator& o) const { return i_ == o.i_; }
  bool operator!=(const PairIterator& o) const { return i_ != o.i_; }

 private:
  void skip_ended_rows() {
    while (u_ + 1 < rows_ && row_start_[u_ + 1] <= i_) ++u_;
  }

  const uint32_t* targets_;
  const uint64_t* row_start_;
  uint32_t rows_;
  uint64_t i_;
  uint32_t u_ = 0;
  value_type pair_{};
};

}  // namespace

DependencyGraph::DependencyGraph(uint32_t vertex_count, std::vector<Edge>&& edges)
    : DependencyGraph(vertex_count, one_part(std::move(edges))) {}

DependencyGraph::DependencyGraph(uint32_t vertex_count, std::vector<std::vector<Edge>>&& parts_in)
    : vertex_count_(vertex_count) {
  std::vector<std::vector<Edge>> parts = std::move(parts_in);
  if (vertex_count > kMaxVertices)
    throw std::invalid_argument("dependency graph: more than " + std::to_string(kMaxVertices) +
                                " transactions");
  validate(vertex_count, parts);
  std::vector<uint64_t> row_start(static_cast<size_t>(vertex_count) + 1, 0);
  size_t total = 0;
  for (const std::vector<Edge>& edges : parts) {
    for (const Edge& e : edges) ++row_start[e.from + 1];
    total += edges.size();
  }
  for (uint32_t v = 0; v < vertex_count; ++v) row_start[v + 1] += row_start[v];

  // Bucket by source with one independent write per edge. An in-place
  // cycle-leader permutation saves this copy but chains its cache misses one
  // after another, and ran five times slower on ten million edges.
  std::vector<uint32_t> packed(total);
  {
    std::vector<uint64_t> next(row_start.begin(), row_start.end() - 1);
    for (std::vector<Edge>& edges : parts) {
      for (const Edge& e : edges)
        packed[next[e.from]++] = (e.to << kKindBits) | static_cast<uint32_t>(e.kind);
      std::vector<Edge>().swap(edges);
    }
  }

  // Sort each row by target, then merge parallel edges into one with a mask;
  // merged targets are rewritten over the front of `packed`, which never
  // overtakes the row being read, and row_start becomes the merged rows'.
  std::vector<EdgeMask> merged_masks(packed.size());
  uint64_t out = 0;
  for (uint32_t u = 0; u < vertex_count; ++u) {
    auto first = packed.begin() + static_cast<std::ptrdiff_t>(row_start[u]);
    auto last = packed.begin() + static_cast<std::ptrdiff_t>(row_start[u + 1]);
    row_start[u] = out;
    std::sort(first, last);
    for (auto it = first; it != last;) {
      const uint32_t to = *it >> kKindBits;
      EdgeMask m = 0;
      for (; it != last && (*it >> kKindBits) == to; ++it) {
        const uint32_t kind = *it & ((1u << kKindBits) - 1);
        const EdgeMask bit = mask_of(static_cast<EdgeKind>(kind));
        if ((m & bit) == 0) ++kind_counts_[kind];
        m |= bit;
      }
      packed[out] = to;
      merged_masks[out] = m;
      kinds_present_ |= m;
      ++out;
    }
  }
  row_start[vertex_count] = out;

  csr_ =
      Csr(boost::edges_are_sorted, PairIterator(packed.data(), row_start.data(), vertex_count, 0),
          PairIterator(packed.data(), row_start.data(), vertex_count, out), merged_masks.begin(),
          vertex_count, out);
}

std::span<const uint32_t> DependencyGraph::targets(uint32_t u) const {
  const uint64_t b = row_begin(u);
  return {csr_.m_forward.m_column.data() + b, static_cast<size_t>(row_end(u) - b)};
}

std::span<const EdgeMask> DependencyGraph::masks(uint32_t u) const {
  const uint64_t b = row_begin(u);
  const uint64_t e = row_end(u);
  if (b == e) return {};
  // Edge bundles are stored contiguously in edge-index order.
  return {&csr_[Csr::edge_descriptor(u, b)], static_cast<size_t>(e - b)};
}

EdgeMask DependencyGraph::mask(uint32_t u, uint32_t v) const {
  if (u >= vertex_count_) return 0;
  auto ts = targets(u);
  auto it = std::lower_bound(ts.begin(), ts.end(), v);
  if (it == ts.end() || *it != v) return 0;
  return masks(u)[static_cast<size_t>(it - ts.begin())];
}

}  // namespace isocheck
