// Cost of the graph stage on synthetic graphs: building the CSR graph from
// an edge list, and the cycle search over it — on a large acyclic graph
// (the common case: a valid history) and on one large strongly connected
// component (read committed), where the step budget bounds the work.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "checker/cycles/cycle_search.h"
#include "checker/cycles/cycle_spec.h"
#include "checker/graph/dependency_graph.h"

namespace isocheck {
namespace {

// Edges point forward to near neighbours, ~`degree` per vertex, as
// dependencies between concurrent transactions do; kinds vary. With
// `back_edges` some rw edges point back, which ties the whole graph into
// one component.
std::vector<Edge> synthetic_edges(uint32_t n, uint32_t degree, bool back_edges) {
  std::mt19937 rng(5);
  std::vector<Edge> edges;
  edges.reserve(static_cast<size_t>(n) * degree);
  for (uint32_t u = 0; u + 1 < n; ++u) {
    for (uint32_t d = 0; d < degree; ++d) {
      const uint32_t v = std::min<uint32_t>(n - 1, u + 1 + rng() % 64);
      edges.push_back({u, v, static_cast<EdgeKind>(rng() % kEdgeKindCount)});
      if (back_edges && rng() % 16 == 0 && u > 64)
        edges.push_back({u, static_cast<uint32_t>(u - 1 - rng() % 64), EdgeKind::kRw});
    }
  }
  return edges;
}

void BM_BuildGraph(benchmark::State& state) {
  const auto n = static_cast<uint32_t>(state.range(0));
  const auto edges = synthetic_edges(n, 10, false);
  for (auto _ : state) {
    auto copy = edges;
    DependencyGraph g(n, std::move(copy));
    benchmark::DoNotOptimize(g.edge_count());
  }
  state.counters["edges"] = static_cast<double>(edges.size());
}
BENCHMARK(BM_BuildGraph)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_FindCyclesAcyclic(benchmark::State& state) {
  const auto n = static_cast<uint32_t>(state.range(0));
  DependencyGraph g(n, synthetic_edges(n, 10, false));
  for (auto _ : state) {
    auto r = find_cycles(g, cycle_kinds(), CycleSearchLimits{});
    benchmark::DoNotOptimize(r.components);
  }
}
BENCHMARK(BM_FindCyclesAcyclic)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_FindCyclesOneBigComponent(benchmark::State& state) {
  const auto n = static_cast<uint32_t>(state.range(0));
  DependencyGraph g(n, synthetic_edges(n, 10, true));
  size_t found = 0, incomplete = 0;
  for (auto _ : state) {
    auto r = find_cycles(g, cycle_kinds(), CycleSearchLimits{5'000'000});
    found = r.anomalies.size();
    incomplete = r.incomplete.size();
  }
  state.counters["found"] = static_cast<double>(found);
  state.counters["incomplete"] = static_cast<double>(incomplete);
}
BENCHMARK(BM_FindCyclesOneBigComponent)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace isocheck

BENCHMARK_MAIN();
