// Bank workload checks: the balances a committed transaction read must sum
// to the fixed total and none may be negative.
//
// A bank history transfers money with kAdjust micro-ops (a transfer of x is
// adjust(from, -x) + adjust(to, +x)) and reads every balance as kReadRegister
// micro-ops (key = account, value = balance) in one ok transaction. The total
// is header.bank_total. Reports `wrong-total` for each ok transaction whose
// read balances do not sum to it (witness: the balances and the sum) and
// `negative-balance` for each read balance below zero.
#pragma once

#include <vector>

#include "checker/anomaly/anomaly.h"
#include "checker/history/history.h"

namespace isocheck {

std::vector<Anomaly> check_bank(const History& history);

}  // namespace isocheck
