#include "checker/graph/strong_components.h"

#include <gtest/gtest.h>

namespace isocheck {
namespace {

TEST(StrongComponents, KeepsOnlyComponentsWithTwoOrMoreVertices) {
  // 0 <-> 1 ; 2 -> 3 -> 4 -> 2 ; 5 alone ; 1 -> 2 joins nothing.
  DependencyGraph g(6, {{0, 1, EdgeKind::kWw},
                        {1, 0, EdgeKind::kWr},
                        {1, 2, EdgeKind::kWw},
                        {2, 3, EdgeKind::kRw},
                        {3, 4, EdgeKind::kWw},
                        {4, 2, EdgeKind::kWw}});
  Components c = nontrivial_components(g, kDataEdges);
  ASSERT_EQ(c.count(), 2u);
  EXPECT_EQ(c.component_of[0], c.component_of[1]);
  EXPECT_EQ(c.component_of[2], c.component_of[3]);
  EXPECT_EQ(c.component_of[2], c.component_of[4]);
  EXPECT_NE(c.component_of[0], c.component_of[2]);
  EXPECT_EQ(c.component_of[5], Components::kNone);
  EXPECT_EQ(c.members(c.component_of[2]).size(), 3u);
}

TEST(StrongComponents, RestrictsToTheGivenEdgeKinds) {
  DependencyGraph g(3, {{0, 1, EdgeKind::kWw}, {1, 2, EdgeKind::kWw}, {2, 0, EdgeKind::kRw}});
  EXPECT_EQ(nontrivial_components(g, kDataEdges).count(), 1u);
  Components ww_only = nontrivial_components(g, mask_of(EdgeKind::kWw));
  EXPECT_EQ(ww_only.count(), 0u);
  EXPECT_EQ(ww_only.component_of[0], Components::kNone);
}

TEST(StrongComponents, RestrictsToKeptVertices) {
  // Two triangles sharing vertex 0; dropping vertex 0 breaks both.
  DependencyGraph g(5, {{0, 1, EdgeKind::kWw},
                        {1, 2, EdgeKind::kWw},
                        {2, 0, EdgeKind::kWw},
                        {0, 3, EdgeKind::kWw},
                        {3, 4, EdgeKind::kWw},
                        {4, 0, EdgeKind::kWw},
                        {1, 3, EdgeKind::kWw},
                        {3, 1, EdgeKind::kWw}});
  std::vector<uint8_t> keep{0, 1, 1, 1, 1};
  Components c = nontrivial_components(g, kDataEdges, keep);
  ASSERT_EQ(c.count(), 1u);
  EXPECT_EQ(c.members(0).size(), 2u);
  EXPECT_EQ(c.component_of[1], c.component_of[3]);
  EXPECT_EQ(c.component_of[0], Components::kNone);
}

}  // namespace
}  // namespace isocheck
