#include "checker/graph/dependency_graph.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <stdexcept>
#include <utility>

namespace isocheck {
namespace {

constexpr EdgeMask kWwBit = mask_of(EdgeKind::kWw);
constexpr EdgeMask kWrBit = mask_of(EdgeKind::kWr);
constexpr EdgeMask kRwBit = mask_of(EdgeKind::kRw);

TEST(DependencyGraph, MergesParallelEdgesIntoOneMask) {
  DependencyGraph g(4, {{0, 1, EdgeKind::kWw},
                        {2, 3, EdgeKind::kRw},
                        {0, 1, EdgeKind::kWr},
                        {0, 1, EdgeKind::kWw},
                        {1, 0, EdgeKind::kRw}});
  EXPECT_EQ(g.vertex_count(), 4u);
  EXPECT_EQ(g.edge_count(), 3u);
  EXPECT_EQ(g.mask(0, 1), kWwBit | kWrBit);
  EXPECT_EQ(g.mask(1, 0), kRwBit);
  EXPECT_EQ(g.mask(2, 3), kRwBit);
  EXPECT_EQ(g.mask(3, 2), 0);
  EXPECT_EQ(g.mask(0, 2), 0);
  EXPECT_EQ(g.kind_count(EdgeKind::kWw), 1u);
  EXPECT_EQ(g.kind_count(EdgeKind::kRw), 2u);
  EXPECT_EQ(g.kinds_present(), kWwBit | kWrBit | kRwBit);
}

TEST(DependencyGraph, OutEdgesAreSortedByTargetWithTheirMasks) {
  DependencyGraph g(5, {{2, 4, EdgeKind::kWw}, {2, 0, EdgeKind::kRw}, {2, 3, EdgeKind::kWr}});
  auto ts = g.targets(2);
  auto ms = g.masks(2);
  ASSERT_EQ(ts.size(), 3u);
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(ts[0], 0u);
  EXPECT_EQ(ms[0], kRwBit);
  EXPECT_EQ(ts[1], 3u);
  EXPECT_EQ(ms[1], kWrBit);
  EXPECT_EQ(ts[2], 4u);
  EXPECT_EQ(ms[2], kWwBit);
  EXPECT_TRUE(g.targets(0).empty());
  EXPECT_TRUE(g.masks(4).empty());
}

TEST(DependencyGraph, EmptyGraph) {
  DependencyGraph g(3, std::vector<Edge>{});
  EXPECT_EQ(g.edge_count(), 0u);
  EXPECT_EQ(g.mask(0, 1), 0);
  EXPECT_EQ(g.kinds_present(), 0);
}

TEST(DependencyGraph, RejectsSelfEdgesAndUnknownTransactions) {
  EXPECT_THROW(DependencyGraph(3, {{1, 1, EdgeKind::kWw}}), std::invalid_argument);
  EXPECT_THROW(DependencyGraph(3, {{0, 3, EdgeKind::kWw}}), std::invalid_argument);
  EXPECT_THROW(DependencyGraph(3, {{7, 0, EdgeKind::kWr}}), std::invalid_argument);
}

TEST(DependencyGraph, MatchesANaiveMapOnRandomEdgeLists) {
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    const uint32_t n = 2 + rng() % 40;
    std::vector<Edge> edges;
    std::map<std::pair<uint32_t, uint32_t>, EdgeMask> expected;
    const size_t m = rng() % 300;
    for (size_t i = 0; i < m; ++i) {
      uint32_t a = rng() % n, b = rng() % n;
      if (a == b) continue;
      auto k = static_cast<EdgeKind>(rng() % kEdgeKindCount);
      edges.push_back({a, b, k});
      expected[{a, b}] |= mask_of(k);
    }
    DependencyGraph g(n, std::move(edges));
    ASSERT_EQ(g.edge_count(), expected.size());
    for (uint32_t a = 0; a < n; ++a) {
      for (uint32_t b = 0; b < n; ++b) {
        auto it = expected.find({a, b});
        EXPECT_EQ(g.mask(a, b), it == expected.end() ? 0 : it->second) << a << "->" << b;
      }
    }
    size_t walked = 0;
    for (uint32_t a = 0; a < n; ++a) {
      auto ts = g.targets(a);
      auto ms = g.masks(a);
      for (size_t j = 0; j < ts.size(); ++j) {
        EXPECT_EQ(ms[j], expected.at({a, ts[j]}));
        if (j > 0) {
          EXPECT_LT(ts[j - 1], ts[j]);
        }
        ++walked;
      }
    }
    EXPECT_EQ(walked, expected.size());
  }
}

// Edges given in parts (inference, process order, real-time order) make the
// same graph as the same edges in one vector; an empty part changes nothing.
TEST(DependencyGraph, EdgesInPartsMakeTheSameGraphAsInOneVector) {
  std::mt19937 rng(11);
  for (int round = 0; round < 50; ++round) {
    const uint32_t n = 2 + rng() % 40;
    std::vector<Edge> all;
    std::vector<std::vector<Edge>> parts(1 + rng() % 4);
    const size_t m = rng() % 300;
    for (size_t i = 0; i < m; ++i) {
      uint32_t a = rng() % n, b = rng() % n;
      if (a == b) continue;
      Edge e{a, b, static_cast<EdgeKind>(rng() % kEdgeKindCount)};
      all.push_back(e);
      parts[rng() % parts.size()].push_back(e);
    }
    DependencyGraph whole(n, std::move(all));
    DependencyGraph split(n, std::move(parts));
    ASSERT_EQ(split.edge_count(), whole.edge_count());
    for (int k = 0; k < kEdgeKindCount; ++k)
      EXPECT_EQ(split.kind_count(static_cast<EdgeKind>(k)),
                whole.kind_count(static_cast<EdgeKind>(k)));
    for (uint32_t a = 0; a < n; ++a) {
      auto ts = whole.targets(a), got = split.targets(a);
      ASSERT_EQ(std::vector<uint32_t>(got.begin(), got.end()),
                std::vector<uint32_t>(ts.begin(), ts.end()));
      auto ms = whole.masks(a), got_masks = split.masks(a);
      EXPECT_EQ(std::vector<EdgeMask>(got_masks.begin(), got_masks.end()),
                std::vector<EdgeMask>(ms.begin(), ms.end()));
    }
  }
}

TEST(DependencyGraph, ABadEdgeInALaterPartIsNamedByItsPositionOverall) {
  std::vector<std::vector<Edge>> parts{{{0, 1, EdgeKind::kWw}, {1, 2, EdgeKind::kWr}},
                                       {{2, 0, EdgeKind::kRw}, {2, 2, EdgeKind::kRealtime}}};
  try {
    DependencyGraph g(3, std::move(parts));
    ADD_FAILURE() << "a self-edge was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("edge 3 (T2 -> T2)"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace isocheck
