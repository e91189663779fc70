// compare_verify: what changed between two verify results (an older
// "before" and a newer "after"), for spotting regressions night to night.
//
// Cells are matched by level, workload and fault set, claims by level,
// phenomenon and fault set.
// Reported: claims whose verdict changed; per matched cell the anomaly
// kinds that are new and those that vanished, and the throughput change in
// percent; cells present in only one run. `newly_violated` counts claims
// that are CLAIM VIOLATED after but were not before — the exit status of
// `isocheck compare` is 1 exactly when it is non-zero.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "checker/claims/verify_report.h"

namespace isocheck {

struct ClaimChange {
  std::string level;
  std::string faults{kNoFaults};
  Phenomenon phenomenon = Phenomenon::kDirtyRead;
  std::optional<ClaimVerdict> before;  // nullopt: the claim was not judged
  std::optional<ClaimVerdict> after;
};

struct CellChange {
  std::string level;
  std::string workload;
  std::string faults{kNoFaults};
  std::vector<AnomalyKind> new_kinds;
  std::vector<AnomalyKind> vanished_kinds;
  double throughput_before = 0;
  double throughput_after = 0;
  // (after - before) / before * 100; nullopt when before was zero.
  std::optional<double> throughput_change_percent;
};

struct VerifyComparison {
  std::vector<ClaimChange> claims;
  std::vector<CellChange> cells;         // every cell present in both runs
  std::vector<std::string> only_before;  // "level/workload", " under <faults>" when faulted
  std::vector<std::string> only_after;
  size_t newly_violated = 0;
};

VerifyComparison compare_verify(const VerifyResult& before, const VerifyResult& after);

void print_comparison(std::ostream& out, const VerifyComparison& c);

// Runs over targets are compared target by target, matched by name (a run
// without --target is one unnamed target); a target in only one run is
// listed as such.
struct TargetComparison {
  std::string name;
  bool only_before = false;
  bool only_after = false;
  VerifyComparison comparison;  // when in both
};

struct ReportComparison {
  std::vector<TargetComparison> targets;  // after's order, then before's leftovers
  size_t newly_violated = 0;              // over every target
};

ReportComparison compare_reports(const VerifyReport& before, const VerifyReport& after);

// One section per target (headed "target NAME" when named).
void print_report_comparison(std::ostream& out, const ReportComparison& c);

}  // namespace isocheck
