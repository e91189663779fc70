// Checks a cycle witness against the graph it came from, independently of
// the search: a closed simple walk along real edges, each step using a kind
// its edge carries, `txns` in cycle order, and the steps' kinds matching the
// anomaly kind's spec.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "checker/anomaly/anomaly.h"
#include "checker/cycles/cycle_spec.h"
#include "checker/graph/dependency_graph.h"

namespace isocheck::testing {

inline ::testing::AssertionResult is_valid_witness(const DependencyGraph& g, const Anomaly& a) {
  const std::string name(anomaly_name(a.kind));
  const auto spec = cycle_spec(a.kind);
  if (!spec) return ::testing::AssertionFailure() << name << " is not a cycle kind";
  if (a.cycle.size() < 2) return ::testing::AssertionFailure() << name << ": cycle too short";
  if (a.txns.size() != a.cycle.size())
    return ::testing::AssertionFailure() << name << ": txns and cycle differ in length";
  std::vector<EdgeKind> kinds;
  for (size_t i = 0; i < a.cycle.size(); ++i) {
    const CycleStep& s = a.cycle[i];
    const CycleStep& next = a.cycle[(i + 1) % a.cycle.size()];
    if (s.to != next.from)
      return ::testing::AssertionFailure() << name << ": step " << i << " does not connect";
    if (a.txns[i] != s.from)
      return ::testing::AssertionFailure() << name << ": txns[" << i << "] is not step's source";
    if (!has_kind(g.mask(s.from, s.to), s.kind))
      return ::testing::AssertionFailure()
             << name << ": no " << edge_kind_name(s.kind) << " edge T" << s.from << " -> T" << s.to;
    kinds.push_back(s.kind);
  }
  std::vector<uint32_t> sorted = a.txns;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    return ::testing::AssertionFailure() << name << ": a transaction repeats";
  if (!spec->matches(kinds))
    return ::testing::AssertionFailure() << name << ": step kinds do not match the spec";
  if (!a.steps.empty() || !a.summary.empty())
    return ::testing::AssertionFailure() << name << ": explanation filled in by the search";
  return ::testing::AssertionSuccess();
}

}  // namespace isocheck::testing
