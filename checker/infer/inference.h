// Inference: what a workload's version inference hands to the rest of the
// checker.
//
// Each workload module (list_append_inference, rw_register_inference) looks
// at reads and writes only. It infers the version order of each key, emits
// the ww / wr / rw edges between transactions that follow from it, and
// reports the anomalies that need no cycle search (G1a, G1b, internal, ...).
// It keeps what it needs to explain any edge it emitted in words, so the
// graph itself stays a few bytes per edge.
//
// Contract: edges are between distinct transactions; only transactions whose
// effects may be visible (ok, or info that may have committed) are edge
// sources for ww / wr; only ok transactions are edge sources for rw (their
// reads are known). Failed transactions appear in no edge.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "checker/anomaly/anomaly.h"
#include "checker/graph/edge.h"

namespace isocheck {

class EdgeExplainer {
 public:
  virtual ~EdgeExplainer() = default;
  // One sentence saying why `from` -kind-> `to` holds, naming key and
  // values, e.g. "T12 appended 4 to key 3 after T9's 2, so T9 < T12 (ww)".
  // Only asked about edges this inference emitted.
  virtual std::string explain(uint32_t from, uint32_t to, EdgeKind kind) const = 0;
};

struct Inference {
  std::vector<Edge> edges;
  std::vector<Anomaly> anomalies;
  // What the reader should know about how far the verdict can be trusted
  // (e.g. written values that are not unique), one sentence each.
  std::vector<std::string> warnings;
  std::unique_ptr<EdgeExplainer> explainer;  // never null; may reference the History
};

}  // namespace isocheck
