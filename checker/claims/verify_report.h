// VerifyReport: one `isocheck verify` run over one or more targets (servers
// or configurations, runner/verify/target_spec.h), each with its own
// VerifyResult, and the claims whose verdicts differ between them.
//
// Contract: `targets` keeps the order the user gave. A target that could not
// run (its server did not start, a cell failed) has a non-empty `error` and
// the cells it finished before that. A run without --target has one target
// with an empty name, and its reports are exactly those of a one-server run.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checker/claims/verify_result.h"

namespace isocheck {

struct VerifyReport {
  std::vector<VerifyResult> targets;

  bool violated() const;  // some target has a claim violated
  bool unknown() const;   // some target has a claim unknown
  bool failed() const;    // some target could not run (error set)
  // One unnamed target: the run had no --target.
  bool single() const { return targets.size() == 1 && targets.front().name.empty(); }
};

// One claim (level under faults, phenomenon) judged differently by the
// targets: verdicts[i] is targets[i]'s (nullopt: not judged there).
struct ClaimDifference {
  std::string level;
  std::string faults;
  Phenomenon phenomenon = Phenomenon::kDirtyRead;
  std::vector<std::optional<ClaimVerdict>> verdicts;
};

// Every claim that two targets judged differently (a target that did not
// judge it, e.g. could not run, is "not judged" there and differs in
// nothing). Empty with fewer than two targets.
std::vector<ClaimDifference> claim_differences(const VerifyReport& report);

// Settings that decide what a target's isolation claims mean, in report
// order (isolation defaults first); a report shows these per target.
const std::vector<std::string>& settings_that_matter();

}  // namespace isocheck
