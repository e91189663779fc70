// Small formatting rules shared by every witness sentence, so that all
// anomalies and edge explanations read alike: transactions as "T<id>", lists
// as "[1 2 3]", and long lists shortened to their ends with the length, so a
// witness stays checkable by hand.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "checker/anomaly/anomaly.h"

namespace isocheck {

// "T<id>".
std::string txn_name(uint32_t txn);

// "[1 2 3]"; lists longer than 12 elements print the first and last five with
// "…" between and "(N elements)" after.
std::string format_list(std::span<const int64_t> list);

// A non-cycle anomaly about one key (or none), with its witness sentence.
Anomaly key_anomaly(AnomalyKind kind, std::vector<uint32_t> txns, std::optional<int64_t> key,
                    std::string summary);

}  // namespace isocheck
