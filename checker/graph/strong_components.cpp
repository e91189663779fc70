#include "checker/graph/strong_components.h"

#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/strong_components.hpp>

namespace isocheck {
namespace {

using Csr = DependencyGraph::Csr;

struct EdgeHasKind {
  const Csr* g = nullptr;
  EdgeMask kinds = 0;
  bool operator()(const Csr::edge_descriptor& e) const { return ((*g)[e] & kinds) != 0; }
};

struct VertexKept {
  const uint8_t* keep = nullptr;
  bool operator()(uint32_t v) const { return keep[v] != 0; }
};

template <class Graph>
std::vector<uint32_t> raw_components(const Graph& g, uint32_t vertex_count) {
  std::vector<uint32_t> comp(vertex_count, Components::kNone);
  boost::strong_components(
      g, boost::make_iterator_property_map(comp.begin(), boost::get(boost::vertex_index, g)));
  return comp;
}

}  // namespace

Components nontrivial_components(const DependencyGraph& graph, EdgeMask kinds,
                                 std::span<const uint8_t> keep) {
  const uint32_t n = graph.vertex_count();
  const Csr& csr = graph.csr();
  std::vector<uint32_t> raw;
  if (keep.empty() && (graph.kinds_present() & ~kinds) == 0) {
    raw = raw_components(csr, n);
  } else if (keep.empty()) {
    boost::filtered_graph<Csr, EdgeHasKind> fg(csr, EdgeHasKind{&csr, kinds});
    raw = raw_components(fg, n);
  } else {
    boost::filtered_graph<Csr, EdgeHasKind, VertexKept> fg(csr, EdgeHasKind{&csr, kinds},
                                                           VertexKept{keep.data()});
    raw = raw_components(fg, n);
  }

  // Renumber: components of two or more vertices get dense ids; the rest
  // (and vertices left out, still kNone) get kNone.
  std::vector<uint32_t> size_of(n, 0);
  for (uint32_t v = 0; v < n; ++v)
    if (raw[v] != Components::kNone) ++size_of[raw[v]];
  std::vector<uint32_t> dense(n, Components::kNone);
  Components out;
  std::vector<uint64_t> sizes;
  for (uint32_t v = 0; v < n; ++v) {
    const uint32_t r = raw[v];
    if (r == Components::kNone || size_of[r] < 2) continue;
    if (dense[r] == Components::kNone) {
      dense[r] = static_cast<uint32_t>(sizes.size());
      sizes.push_back(0);
    }
    ++sizes[dense[r]];
  }
  out.offsets.resize(sizes.size() + 1);
  for (size_t c = 0; c < sizes.size(); ++c) out.offsets[c + 1] = out.offsets[c] + sizes[c];
  out.vertices.resize(out.offsets.back());
  std::vector<uint64_t> fill(out.offsets.begin(), out.offsets.end() - 1);
  // Reuse `raw` as the output map: each vertex's own entry is read before
  // it is overwritten.
  for (uint32_t v = 0; v < n; ++v) {
    const uint32_t r = raw[v];
    const uint32_t c = (r == Components::kNone || size_of[r] < 2) ? Components::kNone : dense[r];
    raw[v] = c;
    if (c != Components::kNone) out.vertices[fill[c]++] = v;
  }
  out.component_of = std::move(raw);
  return out;
}

}  // namespace isocheck
