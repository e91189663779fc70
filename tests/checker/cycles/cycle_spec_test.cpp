#include "checker/cycles/cycle_spec.h"

#include <gtest/gtest.h>

#include <vector>

#include "checker/cycles/cycle_automaton.h"

namespace isocheck {
namespace {

using K = AnomalyKind;
constexpr EdgeKind ww = EdgeKind::kWw, wr = EdgeKind::kWr, rw = EdgeKind::kRw,
                   pr = EdgeKind::kProcess, rt = EdgeKind::kRealtime, prw = EdgeKind::kPredicateRw;

// The kinds whose spec a sequence of steps matches.
std::vector<K> matching(const std::vector<EdgeKind>& steps) {
  std::vector<K> out;
  for (const CycleSpec& s : cycle_specs())
    if (s.matches(steps)) out.push_back(s.kind);
  return out;
}

TEST(CycleSpec, ClassifiesHandWrittenCycles) {
  struct Case {
    std::vector<EdgeKind> steps;
    K kind;
  };
  const Case cases[] = {
      {{ww, ww}, K::kG0},
      {{ww, pr}, K::kG0Process},
      {{ww, pr, rt}, K::kG0Realtime},
      {{ww, wr}, K::kG1c},
      {{wr, wr, pr}, K::kG1cProcess},
      {{wr, rt}, K::kG1cRealtime},
      {{rw, wr}, K::kGSingleItem},
      {{rw, ww, wr, ww}, K::kGSingleItem},
      {{rw, pr}, K::kGSingleItemProcess},
      {{rw, pr, rt}, K::kGSingleItemRealtime},
      {{rw, ww, rw, wr}, K::kGNonadjacentItem},
      {{rw, pr, rw, ww}, K::kGNonadjacentItemProcess},
      {{rw, rt, rw, pr}, K::kGNonadjacentItemRealtime},
      {{rw, rw}, K::kG2Item},
      // Adjacent only across the end of the sequence: cyclic adjacency.
      {{rw, ww, ww, rw}, K::kG2Item},
      {{rw, ww, rw, rw, wr}, K::kG2Item},
      {{rw, rw, pr}, K::kG2ItemProcess},
      {{rt, rw, rw}, K::kG2ItemRealtime},
      // Any predicate anti-dependency makes the general kind.
      {{prw, wr}, K::kGSingle},
      {{prw, ww, pr}, K::kGSingleProcess},
      {{prw, rt}, K::kGSingleRealtime},
      {{prw, ww, rw, wr}, K::kGNonadjacent},
      {{prw, rw}, K::kG2},
      {{prw, prw}, K::kG2},
      {{rw, ww, prw, pr}, K::kGNonadjacentProcess},
      {{prw, prw, rt}, K::kG2Realtime},
  };
  for (const Case& c : cases) EXPECT_EQ(matching(c.steps), std::vector<K>{c.kind});
}

TEST(CycleSpec, TableIsInAnomalyKindOrderAndCoversTheTwentyFourCycleKinds) {
  auto specs = cycle_specs();
  ASSERT_EQ(specs.size(), 24u);
  for (size_t i = 0; i < 15; ++i) EXPECT_EQ(static_cast<size_t>(specs[i].kind), i);
  for (size_t i = 15; i < 24; ++i)
    EXPECT_EQ(static_cast<size_t>(specs[i].kind), static_cast<size_t>(K::kGSingle) + i - 15);
  EXPECT_EQ(cycle_kinds().count(), 24u);
  EXPECT_FALSE(cycle_spec(K::kG1a).has_value());
  EXPECT_EQ(cycle_spec(K::kG2ItemProcess)->rw, RwRule::kSomeAdjacent);
}

TEST(CycleSpec, RequiredKindsAreAllowed) {
  for (const CycleSpec& s : cycle_specs()) {
    EXPECT_NE(s.required(), 0) << anomaly_name(s.kind);
    EXPECT_EQ(s.required() & ~s.allowed(), 0) << anomaly_name(s.kind);
  }
}

// Calls f on every sequence of step kinds of length 1..max_length.
template <class F>
void for_each_sequence(size_t max_length, F f) {
  std::vector<EdgeKind> seq;
  for (size_t len = 1; len <= max_length; ++len) {
    std::vector<int> digits(len, 0);
    while (true) {
      seq.clear();
      for (int d : digits) seq.push_back(static_cast<EdgeKind>(d));
      f(seq);
      size_t i = 0;
      while (i < len && ++digits[i] == kEdgeKindCount) digits[i++] = 0;
      if (i == len) break;
    }
  }
}

TEST(CycleSpec, EverySequenceHasExactlyOneKind) {
  for_each_sequence(6,
                    [](const std::vector<EdgeKind>& seq) { ASSERT_EQ(matching(seq).size(), 1u); });
}

TEST(CycleAutomaton, AcceptsExactlyTheSequencesItsSpecMatches) {
  for (const CycleSpec& spec : cycle_specs()) {
    CycleAutomaton a(spec);
    EXPECT_LT(a.state_count(), 64u) << anomaly_name(spec.kind);
    EXPECT_FALSE(a.accepts(a.start()));
    for_each_sequence(7, [&](const std::vector<EdgeKind>& seq) {
      uint8_t s = a.start();
      for (EdgeKind k : seq) {
        if (s == CycleAutomaton::kDead) break;
        s = a.next(s, k);
      }
      const bool accepted = s != CycleAutomaton::kDead && a.accepts(s);
      ASSERT_EQ(accepted, spec.matches(seq)) << anomaly_name(spec.kind) << " length " << seq.size();
    });
  }
}

}  // namespace
}  // namespace isocheck
