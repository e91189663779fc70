// check_history: the checker's one entry point — from a loaded History to a
// verdict for a set of consistency models, with witnesses.
//
// Pipeline: workload inference (versions, ww/wr/rw edges, non-cycle
// anomalies) -> process and real-time edges when a requested model needs
// them -> dependency graph -> strongly connected components -> shortest
// witness cycle of each wanted kind in each component -> models.
//
// Only the anomalies that some requested model forbids are searched for
// (as Elle does), so checking read-committed is cheaper than checking
// strict-serializable. `valid` is kUnknown only when a search was cut short
// and no forbidden anomaly was found otherwise; `unknown_reasons` says why.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "checker/anomaly/anomaly.h"
#include "checker/history/history.h"

namespace isocheck {

enum class Validity { kValid, kInvalid, kUnknown };

struct CheckOptions {
  // Model names as accepted by parse_model (e.g. "serializable"). Must not
  // be empty.
  std::vector<std::string> models;
  // kUnknown: detect from the micro-ops.
  Workload workload = Workload::kUnknown;
  // Work allowed for one cycle kind in one component, in BFS steps.
  uint64_t max_search_steps_per_component = 50'000'000;
  // Witnesses kept per anomaly kind (all are counted).
  size_t max_witnesses_per_kind = 8;
  // rw-register: choices the search for a version order may try per model
  // (see version_order_decision.h); past it the verdict is unknown.
  uint64_t max_order_search_steps = 2'000'000;
  // rw-register: keep one version order of every key that satisfies the
  // strongest model decided valid.
  bool want_version_orders = false;
};

// What the rw-register version-order search did for one model.
struct OrderSearchStats {
  std::string model;
  std::string outcome;      // "valid", "invalid", "unknown"
  uint64_t pairs = 0;       // write pairs no read orders: the constraints
  uint64_t forced = 0;      // pruned: the other order closes a forbidden cycle
  uint64_t free = 0;        // an order that cannot close a cycle, taken as is
  uint64_t searched = 0;    // decided by trying
  uint64_t backtracks = 0;  // choices undone
  double seconds = 0;
};

struct KeyVersions {
  int64_t key = 0;
  std::vector<std::string> versions;  // "nil" first
};

struct CheckStats {
  size_t transactions = 0, ok = 0, failed = 0, indeterminate = 0;
  size_t edges = 0;
  size_t components = 0;         // non-trivial strongly connected components
  size_t largest_component = 0;  // transactions in the largest one
  double infer_seconds = 0, graph_seconds = 0, cycle_seconds = 0, order_seconds = 0;
};

struct CheckResult {
  Validity valid = Validity::kValid;
  Workload workload = Workload::kUnknown;
  std::vector<std::string> models;                        // as requested, canonical names
  std::map<AnomalyKind, size_t> counts;                   // every kind found, with its count
  std::map<AnomalyKind, std::vector<Anomaly>> witnesses;  // at most max_witnesses_per_kind each
  std::vector<std::string> violated;                      // weakest violated models ("not")
  std::vector<std::string> also_violated;                 // stronger models that fail too
  std::vector<std::string> unknown_reasons;
  // Limits of what the verdict rests on (e.g. repeated written values).
  std::vector<std::string> warnings;
  CheckStats stats;
  std::vector<OrderSearchStats> order_searches;
  // With want_version_orders, for the strongest model decided valid.
  std::string version_orders_model;
  std::vector<KeyVersions> version_orders;
};

// Throws std::invalid_argument for an unknown model name or an empty list.
CheckResult check_history(const History& history, const CheckOptions& options);

}  // namespace isocheck
