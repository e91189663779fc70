// The claims table for a terminal: a grid of phenomena (rows) × levels
// (columns) whose cells say the verdict and the count seen, then the
// witness in words of every violated claim, then a one-line conclusion.
#pragma once

#include <ostream>

#include "checker/claims/verify_result.h"

namespace isocheck {

void print_claims_table(std::ostream& out, const VerifyResult& result, bool color);

}  // namespace isocheck
