#include "checker/cycles/cycle_search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "checker/cycles/cycle_spec.h"
#include "tests/checker/cycles/witness_check.h"

namespace isocheck {
namespace {

using K = AnomalyKind;
using testing::is_valid_witness;
constexpr EdgeKind ww = EdgeKind::kWw, wr = EdgeKind::kWr, rw = EdgeKind::kRw,
                   pr = EdgeKind::kProcess, rt = EdgeKind::kRealtime;

AnomalySet only(K k) {
  AnomalySet s;
  s.set(static_cast<size_t>(k));
  return s;
}

// Runs the search for every cycle kind and checks every witness.
CycleSearchResult search(const DependencyGraph& g, const AnomalySet& wanted = cycle_kinds(),
                         uint64_t max_steps = 1'000'000) {
  CycleSearchResult r = find_cycles(g, wanted, CycleSearchLimits{max_steps});
  for (const Anomaly& a : r.anomalies) {
    EXPECT_TRUE(is_valid_witness(g, a));
    EXPECT_TRUE(wanted.test(static_cast<size_t>(a.kind)));
  }
  return r;
}

std::vector<K> kinds_of(const CycleSearchResult& r) {
  std::vector<K> out;
  for (const Anomaly& a : r.anomalies) out.push_back(a.kind);
  std::sort(out.begin(), out.end());
  return out;
}

// The kind the witness chose for its step from -> to.
EdgeKind step_kind(const Anomaly& a, uint32_t from, uint32_t to) {
  for (const CycleStep& s : a.cycle)
    if (s.from == from && s.to == to) return s.kind;
  ADD_FAILURE() << "no step T" << from << " -> T" << to;
  return ww;
}

DependencyGraph graph(uint32_t n, std::vector<Edge> edges) { return {n, std::move(edges)}; }

// For each kind: a graph whose only cycle has that kind, and the same cycle
// with one edge's kind changed, which turns it into `near_kind`.
struct KindCase {
  K kind;
  std::vector<Edge> has;
  std::vector<Edge> near;
  K near_kind;
};

const std::vector<KindCase>& kind_cases() {
  static const std::vector<KindCase> cases = {
      {K::kG0, {{0, 1, ww}, {1, 0, ww}}, {{0, 1, ww}, {1, 0, wr}}, K::kG1c},
      {K::kG0Process, {{0, 1, ww}, {1, 0, pr}}, {{0, 1, ww}, {1, 0, rt}}, K::kG0Realtime},
      {K::kG0Realtime, {{0, 1, ww}, {1, 0, rt}}, {{0, 1, ww}, {1, 0, pr}}, K::kG0Process},
      {K::kG1c, {{0, 1, wr}, {1, 0, ww}}, {{0, 1, ww}, {1, 0, ww}}, K::kG0},
      {K::kG1cProcess,
       {{0, 1, wr}, {1, 2, ww}, {2, 0, pr}},
       {{0, 1, rw}, {1, 2, ww}, {2, 0, pr}},
       K::kGSingleItemProcess},
      {K::kG1cRealtime, {{0, 1, wr}, {1, 0, rt}}, {{0, 1, wr}, {1, 0, pr}}, K::kG1cProcess},
      {K::kGSingleItem, {{0, 1, rw}, {1, 0, wr}}, {{0, 1, rw}, {1, 0, rw}}, K::kG2Item},
      {K::kGSingleItemProcess, {{0, 1, rw}, {1, 0, pr}}, {{0, 1, rw}, {1, 0, ww}}, K::kGSingleItem},
      {K::kGSingleItemRealtime,
       {{0, 1, rw}, {1, 2, ww}, {2, 0, rt}},
       {{0, 1, rw}, {1, 2, rw}, {2, 0, rt}},
       K::kG2ItemRealtime},
      {K::kGNonadjacentItem,
       {{0, 1, rw}, {1, 2, wr}, {2, 3, rw}, {3, 0, ww}},
       {{0, 1, rw}, {1, 2, wr}, {2, 3, rw}, {3, 0, rw}},
       K::kG2Item},
      {K::kGNonadjacentItemProcess,
       {{0, 1, rw}, {1, 2, pr}, {2, 3, rw}, {3, 0, wr}},
       {{0, 1, rw}, {1, 2, wr}, {2, 3, rw}, {3, 0, wr}},
       K::kGNonadjacentItem},
      {K::kGNonadjacentItemRealtime,
       {{0, 1, rw}, {1, 2, rt}, {2, 3, rw}, {3, 0, pr}},
       {{0, 1, rw}, {1, 2, rt}, {2, 3, rw}, {3, 0, rw}},
       K::kG2ItemRealtime},
      {K::kG2Item, {{0, 1, rw}, {1, 0, rw}}, {{0, 1, rw}, {1, 0, ww}}, K::kGSingleItem},
      {K::kG2ItemProcess,
       {{0, 1, rw}, {1, 2, rw}, {2, 0, pr}},
       {{0, 1, rw}, {1, 2, rw}, {2, 0, rt}},
       K::kG2ItemRealtime},
      {K::kG2ItemRealtime,
       {{0, 1, rw}, {1, 2, rw}, {2, 0, rt}},
       {{0, 1, rw}, {1, 2, rw}, {2, 0, ww}},
       K::kG2Item},
  };
  return cases;
}

TEST(FindCycles, EachKindIsFoundAloneAndItsNearMissIsNot) {
  ASSERT_EQ(kind_cases().size(), 15u);
  for (const KindCase& c : kind_cases()) {
    SCOPED_TRACE(std::string(anomaly_name(c.kind)));
    const uint32_t n = 4;
    auto has = search(graph(n, c.has));
    EXPECT_EQ(kinds_of(has), std::vector<K>{c.kind});
    EXPECT_EQ(has.component_counts[static_cast<size_t>(c.kind)], 1u);
    EXPECT_TRUE(has.incomplete.empty());
    EXPECT_EQ(has.anomalies.at(0).cycle.size(), c.has.size());

    auto near = search(graph(n, c.near));
    EXPECT_EQ(kinds_of(near), std::vector<K>{c.near_kind});

    // Asked for this kind alone, the near miss shows nothing.
    EXPECT_TRUE(search(graph(n, c.near), only(c.kind)).anomalies.empty());
  }
}

TEST(FindCycles, AcyclicGraphHasNoComponentsAndNoAnomalies) {
  auto r = search(graph(4, {{0, 1, ww}, {1, 2, wr}, {2, 3, rw}, {0, 3, rt}, {1, 3, pr}}));
  EXPECT_TRUE(r.anomalies.empty());
  EXPECT_EQ(r.components, 0u);
  EXPECT_TRUE(r.incomplete.empty());
}

TEST(FindCycles, IgnoresKindsThatAreNotWanted) {
  auto g = graph(2, {{0, 1, rw}, {1, 0, rw}});
  AnomalySet wanted = only(K::kG0) | only(K::kG1c) | only(K::kGSingleItem) | only(K::kG1a);
  EXPECT_TRUE(search(g, wanted).anomalies.empty());
  EXPECT_TRUE(search(g, AnomalySet{}).anomalies.empty());
}

TEST(FindCycles, EdgeWithSeveralKindsChoosesTheOneTheSpecNeeds) {
  // 1 -> 0 is both a process and a real-time edge.
  auto g = graph(2, {{0, 1, ww}, {1, 0, pr}, {1, 0, rt}});
  auto all = search(g);
  // The process cycle implies the real-time one, which is not searched.
  EXPECT_EQ(kinds_of(all), std::vector<K>{K::kG0Process});
  EXPECT_EQ(step_kind(all.anomalies[0], 1, 0), pr);

  auto realtime = search(g, only(K::kG0Realtime));
  ASSERT_EQ(kinds_of(realtime), std::vector<K>{K::kG0Realtime});
  EXPECT_EQ(step_kind(realtime.anomalies[0], 1, 0), rt);
}

TEST(FindCycles, ProcessVariantNeedsAProcessEdgeAndRealtimeVariantARealtimeEdge) {
  // The same data cycle closed once by a process edge, once by a real-time
  // edge, in two separate components.
  auto g = graph(4, {{0, 1, rw}, {1, 0, pr}, {2, 3, rw}, {3, 2, rt}});
  auto r = search(g);
  EXPECT_EQ(kinds_of(r), (std::vector<K>{K::kGSingleItemProcess, K::kGSingleItemRealtime}));
  for (const Anomaly& a : r.anomalies) {
    const bool on_first = a.txns[0] < 2;
    EXPECT_EQ(a.kind, on_first ? K::kGSingleItemProcess : K::kGSingleItemRealtime);
  }
}

TEST(FindCycles, NonadjacentVersusAdjacentIsCyclic) {
  // rw ww ww rw: the two rw steps meet across the cycle's start.
  auto g = graph(4, {{0, 1, rw}, {1, 2, ww}, {2, 3, ww}, {3, 0, rw}});
  EXPECT_EQ(kinds_of(search(g)), std::vector<K>{K::kG2Item});
  EXPECT_TRUE(search(g, only(K::kGNonadjacentItem)).anomalies.empty());
}

TEST(FindCycles, ChoosesTheShortestWitness) {
  // A ww cycle of five, and a chord making one of three.
  auto g = graph(5, {{0, 1, ww}, {1, 2, ww}, {2, 3, ww}, {3, 4, ww}, {4, 0, ww}, {3, 1, ww}});
  auto r = search(g, only(K::kG0));
  ASSERT_EQ(r.anomalies.size(), 1u);
  EXPECT_EQ(r.anomalies[0].cycle.size(), 3u);

  // G-single: a long cycle through the rw edge and a short one.
  auto h = graph(6, {{0, 1, rw},
                     {1, 2, wr},
                     {2, 3, ww},
                     {3, 4, ww},
                     {4, 0, ww},
                     {1, 0, wr},
                     {5, 0, ww},
                     {4, 5, ww}});
  auto s = search(h, only(K::kGSingleItem));
  ASSERT_EQ(s.anomalies.size(), 1u);
  EXPECT_EQ(s.anomalies[0].cycle.size(), 2u);
}

TEST(FindCycles, OneWitnessPerKindPerComponentAndACountOfComponents) {
  auto g = graph(7, {{0, 1, ww},
                     {1, 0, ww},
                     {2, 3, ww},
                     {3, 4, ww},
                     {4, 2, ww},
                     {5, 6, wr},
                     {6, 5, ww},
                     {3, 2, ww}});
  auto r = search(g);
  EXPECT_EQ(kinds_of(r), (std::vector<K>{K::kG0, K::kG0, K::kG1c}));
  EXPECT_EQ(r.component_counts[static_cast<size_t>(K::kG0)], 2u);
  EXPECT_EQ(r.component_counts[static_cast<size_t>(K::kG1c)], 1u);
  EXPECT_EQ(r.components, 3u);
  EXPECT_EQ(r.largest_component, 3u);
}

TEST(FindCycles, SkipsKindsImpliedByOneFoundInTheSameComponent) {
  // G0 on {0, 1}; with the process edges, also a G0-process cycle 0 1 2.
  auto g = graph(3, {{0, 1, ww}, {1, 0, ww}, {1, 2, pr}, {2, 0, ww}});
  EXPECT_EQ(kinds_of(search(g)), std::vector<K>{K::kG0});
  EXPECT_EQ(kinds_of(search(g, only(K::kG0Process))), std::vector<K>{K::kG0Process});
}

TEST(FindCycles, ExhaustedBudgetIsReportedNotDropped) {
  auto g = graph(3, {{0, 1, rw}, {1, 2, rw}, {2, 0, rw}});
  auto r = search(g, only(K::kG2Item), 1);
  EXPECT_TRUE(r.anomalies.empty());
  ASSERT_EQ(r.incomplete.size(), 1u);
  EXPECT_EQ(r.incomplete[0].kind, K::kG2Item);
  EXPECT_NE(r.incomplete[0].reason.find("G2-item"), std::string::npos);
  EXPECT_NE(r.incomplete[0].reason.find("3 transactions"), std::string::npos);

  // With enough budget the same search succeeds.
  auto full = search(g, only(K::kG2Item));
  EXPECT_EQ(kinds_of(full), std::vector<K>{K::kG2Item});
  EXPECT_TRUE(full.incomplete.empty());
}

}  // namespace
}  // namespace isocheck
