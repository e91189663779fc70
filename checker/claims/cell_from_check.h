// cell_outcome_from_check: reduces one checked history to the CellOutcome
// the claims reports need.
//
// Transactions are counted from the history, leaving out the final reads
// taken after the run; throughput is committed transactions per second of
// `seconds` (the run's length, which the history alone cannot say exactly).
// Each anomaly kind the check found directly becomes one ObservedAnomaly
// with its first witness in words and as DOT; kinds that are only ever
// implied (G1, G2 ...) are not counted twice. A non-empty unknown_reasons
// marks the search as incomplete.
#pragma once

#include <string>

#include "checker/check/check_history.h"
#include "checker/claims/cell_outcome.h"
#include "checker/history/history.h"

namespace isocheck {

struct CellIdentity {
  std::string level;
  std::string workload;
  double seconds = 0;
  std::string history_path;  // relative to the verify output directory
  std::string explain_dir;   // relative to the verify output directory
};

CellOutcome cell_outcome_from_check(const CellIdentity& id, const History& h, const CheckResult& r);

}  // namespace isocheck
