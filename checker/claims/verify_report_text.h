// A verify run over several targets for a terminal: per target a heading
// (name, what it is, server version, the settings that matter), then its
// claims table (claims_text.h) or the reason it could not run; last, the
// claims whose verdicts differ between targets, side by side, and one
// conclusion line. A run without --target prints the one-server table
// unchanged.
#pragma once

#include <ostream>

#include "checker/claims/verify_report.h"

namespace isocheck {

void print_verify_report(std::ostream& out, const VerifyReport& report, bool color);

// The differences alone: phenomenon, level (under faults), then one column
// per target with its verdict ("-" where not judged).
void print_claim_differences(std::ostream& out, const VerifyReport& report);

}  // namespace isocheck
