// CellOutcome: what one cell of a verify run (one isolation level × one
// workload) produced, reduced to the facts the claims table, the JSON, the
// JUnit and the HTML reports need — so those reports never need the history
// or the checker's internals, and a verify JSON read back holds the same.
//
// Contract: `level` is a PostgresLevel name ("repeatable-read"), `workload`
// a workload name ("list-append"). `anomalies` holds one entry per anomaly
// kind the check found (count > 0), in AnomalyKind order. `timeline` counts
// completions per second of the run (see completion_timeline.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "checker/anomaly/anomaly_kind.h"

namespace isocheck {

// Completions in one bucket of a run.
struct TimelineBucket {
  size_t ok = 0;
  size_t failed = 0;
  size_t indeterminate = 0;
};

// A fault's window on the timeline, in seconds after the first invocation,
// clipped to the timeline; an unhealed fault runs to its end.
struct TimelineFault {
  std::string kind;
  double start_seconds = 0;
  double end_seconds = 0;
  bool healed = true;
};

// Completions over time: bucket i covers [i, i+1) * bucket_seconds after the
// first invocation. `faults` are the nemesis's windows, in start order.
struct Timeline {
  double bucket_seconds = 1;
  std::vector<TimelineBucket> buckets;
  std::vector<TimelineFault> faults;
};

struct ObservedAnomaly {
  AnomalyKind kind = AnomalyKind::kG0;
  size_t count = 0;
  // The first witness in words: its summary, the reason for each step, then
  // each transaction it mentions (verdict_report.h's witness_lines).
  std::vector<std::string> witness;
  // DOT text of that witness's graph, so the HTML report can draw it.
  std::string dot;
  // The witness's explain file, relative to the verify output directory
  // (e.g. "serializable-bank.explain/G2-item-1.txt"); empty if none.
  std::string explain_link;
};

// The fault set of a cell that ran without a nemesis.
inline constexpr std::string_view kNoFaults = "none";

struct CellOutcome {
  std::string level;
  std::string workload;
  // The nemesis's faults during the run: "none", or kinds joined by '+'
  // ("kill", "pause+terminate").
  std::string faults{kNoFaults};
  double duration_seconds = 0;
  size_t transactions = 0;
  size_t ok = 0;
  size_t failed = 0;
  size_t indeterminate = 0;
  double throughput = 0;  // committed transactions per second
  std::vector<ObservedAnomaly> anomalies;
  // A cycle search was cut short: an absent cycle kind is not evidence.
  bool search_incomplete = false;
  std::vector<std::string> unknown_reasons;
  // Set when the connections did not run at `level` (effective_isolation.h):
  // then no claim of the level is judged from this cell.
  std::string isolation_problem;
  // The recorded history, relative to the verify output directory.
  std::string history_path;
  // The explain directory, relative to the verify output directory.
  std::string explain_dir;
  Timeline timeline;
};

}  // namespace isocheck
