// decide_register_orders: the complete rw-register decision — is there ANY
// version order of every key under which the history has no cycle a model
// forbids? (PolySI's question, for serializability and snapshot isolation.)
//
// Known: the dependencies inference proved (wr, the version order reads
// fix, their anti-dependencies) and the order edges the model uses (process
// order for strong-session models, real time for strict serializability).
// Unknown: for each pair of committed writes to a key whose order no read
// fixes, "a before b" (a -ww-> b, and every reader of a -rw-> b) or the
// reverse. Serializability needs the whole graph acyclic; snapshot isolation
// needs no cycle without two adjacent anti-dependencies, decided on a graph
// with two copies of each transaction (reached by an rw edge, or not) in
// which an rw edge may not follow an rw edge — acyclic exactly when
// (dependencies ; rw?) is (Cerone and Gotsman's characterisation of SI).
//
// Writes counted: each committed transaction's last write to a key, and the
// last write of an indeterminate one when some committed read saw it. A read
// of a value written more than once names no writer, so it adds nothing.
//
// Contract: `known` holds no cycle the model forbids (the cycle search found
// none); the explainers explain those edges. The History must outlive the
// call only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "checker/anomaly/anomaly.h"
#include "checker/check/order_explainer.h"
#include "checker/graph/edge.h"
#include "checker/history/history.h"
#include "checker/infer/inference.h"
#include "checker/polygraph/polygraph_solver.h"

namespace isocheck {

struct RegisterOrderRules {
  bool snapshot = false;  // snapshot isolation's cycles, else serializability's
};

// One key's versions in a version order the decision found: "nil" first.
struct KeyVersionOrder {
  int64_t key = 0;
  std::vector<std::string> versions;
};

struct RegisterDecision {
  PolygraphOutcome outcome = PolygraphOutcome::kUnknown;
  // kCyclic: the cycle, each step's reason in words, the transactions named.
  std::vector<CycleStep> cycle;
  std::vector<std::string> steps;
  std::vector<uint32_t> txns;
  std::string conclusion;  // one line: what the cycle shows
  // kAcyclic: a version order of every written key that works.
  std::vector<KeyVersionOrder> orders;
  // kUnknown: why.
  std::string unknown_reason;
  uint64_t pairs = 0;  // write pairs with no known order (constraints)
  PolygraphStats stats;
};

struct RegisterDecisionLimits {
  uint64_t max_pairs = 40'000'000;
  PolygraphLimits search;
};

RegisterDecision decide_register_orders(const History& history, const std::vector<Edge>& known,
                                        RegisterOrderRules rules,
                                        const RegisterDecisionLimits& limits,
                                        const EdgeExplainer& data, const OrderExplainer& order);

}  // namespace isocheck
