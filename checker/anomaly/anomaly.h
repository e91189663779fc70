// Anomaly: one found instance of an anomaly kind, with the witness a person
// needs to check it by hand.
//
// For cycle kinds `cycle` holds the steps in order (cycle.back().to ==
// cycle.front().from) with the one edge kind each step relies on, and
// `steps` the reason for each step in words, filled in by the explainer. For
// the other kinds `summary` says in words what was seen ("T7 read [1 2 2] of
// key 4: 2 appears twice"). `txns` lists every transaction the witness
// mentions, so reports can print them in full.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checker/anomaly/anomaly_kind.h"
#include "checker/graph/edge.h"

namespace isocheck {

struct CycleStep {
  uint32_t from;
  uint32_t to;
  EdgeKind kind;
};

struct Anomaly {
  AnomalyKind kind;
  std::vector<uint32_t> txns;
  std::vector<CycleStep> cycle;
  std::vector<std::string> steps;
  std::string summary;
  std::optional<int64_t> key;
  // The transactions written out already, for a witness kept after the
  // History it came from was released (check --stream, run --epoch): `txns`
  // is then empty, since its ids name transactions of that History.
  std::vector<std::string> txn_text;
};

}  // namespace isocheck
