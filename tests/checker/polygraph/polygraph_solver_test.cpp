// The polygraph solver on hand-made graphs: pruning forces an option only
// when the other really closes a cycle, the search backtracks out of a bad
// first choice, both-ways-cyclic constraints are refuted with the cycle, and
// the budget turns into kUnknown rather than a guess.
#include "checker/polygraph/polygraph_solver.h"

#include <gtest/gtest.h>

namespace isocheck {
namespace {

PolygraphConstraint either(std::vector<LabelledEdge> a, std::vector<LabelledEdge> b) {
  PolygraphConstraint c;
  c.options[0] = std::move(a);
  c.options[1] = std::move(b);
  return c;
}

bool closes(const std::vector<LabelledEdge>& cycle) {
  if (cycle.empty()) return false;
  for (size_t i = 0; i + 1 < cycle.size(); ++i)
    if (cycle[i].to != cycle[i + 1].from) return false;
  return cycle.back().to == cycle.front().from;
}

TEST(PolygraphSolver, AnOptionClosingACycleForcesTheOther) {
  // 0 -> 1 known; "1 -> 0" would close a cycle, so "0 -> 2" must hold.
  PolygraphResult r = solve_polygraph(3, {{0, 1, 7}}, {either({{1, 0, 1}}, {{0, 2, 2}})}, {});
  ASSERT_EQ(r.outcome, PolygraphOutcome::kAcyclic);
  EXPECT_EQ(r.choice[0], 1);
  EXPECT_EQ(r.stats.forced, 1u);
  ASSERT_EQ(r.forced.size(), 1u);
  EXPECT_EQ(r.forced[0].closing_path.size(), 1u);
  EXPECT_EQ(r.forced[0].closing_path[0].label, 7u);
}

TEST(PolygraphSolver, NothingIsForcedWhenBothOptionsAreFine) {
  PolygraphResult r = solve_polygraph(3, {}, {either({{1, 0, 1}}, {{0, 1, 2}})}, {});
  ASSERT_EQ(r.outcome, PolygraphOutcome::kAcyclic);
  EXPECT_EQ(r.stats.forced, 0u);
  EXPECT_EQ(r.stats.free + r.stats.searched, 1u);
  EXPECT_LT(r.positions[r.choice[0] == 0 ? 1 : 0], r.positions[r.choice[0] == 0 ? 0 : 1]);
}

// A rank seeds the order: the option that goes forward in it is taken
// free. Without one, node ids decide, and the other option is taken.
TEST(PolygraphSolver, ARankDecidesWhichFreeOptionIsTaken) {
  const std::vector<PolygraphConstraint> cs = {either({{1, 0, 1}}, {{0, 1, 2}})};
  PolygraphResult by_id = solve_polygraph(2, {}, cs, {});
  ASSERT_EQ(by_id.outcome, PolygraphOutcome::kAcyclic);
  EXPECT_EQ(by_id.choice[0], 1);
  PolygraphResult ranked = solve_polygraph(2, {}, cs, {}, {9, 3});
  ASSERT_EQ(ranked.outcome, PolygraphOutcome::kAcyclic);
  EXPECT_EQ(ranked.choice[0], 0);
  EXPECT_EQ(ranked.stats.free, 1u);
  EXPECT_LT(ranked.positions[1], ranked.positions[0]);
}

// The rank yields to the edges: a known 0 -> 1 keeps 0 first even when 1
// ranks first.
TEST(PolygraphSolver, KnownEdgesOverruleTheRank) {
  PolygraphResult r =
      solve_polygraph(3, {{0, 1, 7}}, {either({{2, 0, 1}}, {{0, 2, 2}})}, {}, {5, 1, 0});
  ASSERT_EQ(r.outcome, PolygraphOutcome::kAcyclic);
  EXPECT_LT(r.positions[0], r.positions[1]);
  EXPECT_EQ(r.choice[0], 0);  // 2 ranks first, so 2 -> 0 goes forward
}

TEST(PolygraphSolver, BothOptionsClosingACycleIsCyclicWithTheCycle) {
  // 0 -> 1 -> 0 through either option together with the known edges.
  PolygraphResult r =
      solve_polygraph(3, {{0, 1, 7}, {1, 2, 8}}, {either({{1, 0, 1}}, {{2, 0, 2}})}, {});
  ASSERT_EQ(r.outcome, PolygraphOutcome::kCyclic);
  EXPECT_TRUE(closes(r.cycle));
  EXPECT_FALSE(r.cycle_after_search);
}

TEST(PolygraphSolver, TheSearchBacktracksOutOfAChoiceThatDoomsALaterOne) {
  // Constraint A: 0 -> 1 or 1 -> 0. Constraint B: (1 -> 2 and 2 -> 0) or
  // (2 -> 3 and 3 -> 2) — B's second option is itself a cycle, so B needs
  // 1 -> 2 -> 0, which needs A's "1 -> 0". Pruning sees no single edge
  // closing a cycle at first; the search must find the one way out.
  std::vector<PolygraphConstraint> cs = {
      either({{0, 1, 1}}, {{1, 0, 2}}),
      either({{1, 2, 3}, {2, 0, 4}}, {{2, 3, 5}, {3, 2, 6}}),
  };
  PolygraphResult r = solve_polygraph(4, {}, cs, {});
  ASSERT_EQ(r.outcome, PolygraphOutcome::kAcyclic);
  EXPECT_EQ(r.choice[0], 1);
  EXPECT_EQ(r.choice[1], 0);
}

TEST(PolygraphSolver, ExhaustedSearchIsCyclic) {
  // The second constraint is a cycle either way, which no single edge check
  // against the (empty) known graph shows: the search meets it, sees that no
  // earlier choice is on either cycle, and gives up without undoing any.
  std::vector<PolygraphConstraint> cs = {
      either({{0, 1, 1}}, {{1, 0, 2}}),
      either({{2, 3, 3}, {3, 2, 4}}, {{3, 2, 5}, {2, 3, 6}}),
  };
  PolygraphResult r = solve_polygraph(4, {}, cs, {});
  ASSERT_EQ(r.outcome, PolygraphOutcome::kCyclic);
  EXPECT_TRUE(closes(r.cycle));
  EXPECT_TRUE(r.cycle_after_search);
  EXPECT_EQ(r.stats.backtracks, 0u);
}

TEST(PolygraphSolver, PastTheBudgetTheAnswerIsUnknown) {
  // No option goes forward in the initial order (0, 1, 2) and none is
  // refuted, so deciding takes a search step, and none is allowed.
  PolygraphLimits limits;
  limits.max_steps = 0;
  PolygraphResult r = solve_polygraph(3, {}, {either({{1, 0, 1}}, {{2, 0, 2}})}, limits);
  EXPECT_EQ(r.outcome, PolygraphOutcome::kUnknown);
  EXPECT_EQ(solve_polygraph(3, {}, {either({{1, 0, 1}}, {{2, 0, 2}})}, {}).outcome,
            PolygraphOutcome::kAcyclic);
}

}  // namespace
}  // namespace isocheck
