// Reading a check result in tests: how many of one anomaly kind it found,
// and every count in one line for failure messages.
#pragma once

#include <cstddef>
#include <string>

#include "checker/check/check_history.h"

namespace isocheck::testing {

size_t count_of(const CheckResult& result, AnomalyKind kind);
// "G2-item: 3, lost-update: 1", or "no anomalies".
std::string describe_counts(const CheckResult& result);

}  // namespace isocheck::testing
