// Formatting of transactions and micro-ops for people: the one place that
// decides how a witness's transactions are written out in every report
// (terminal, JSON, explain files, HTML).
//
//   T12 (process 3, ok, events 40..45): append 3 4; read 5 -> [1 2]; write 7 9
#pragma once

#include <cstdint>
#include <string>

#include "checker/history/history.h"

namespace isocheck {

std::string format_mop(const History& h, const Mop& m);
// The micro-ops of `t`, separated by "; ": the first ten, then how many
// there are in all; long lists and row sets shortened as in witness steps.
std::string format_mops(const History& h, const Txn& t);
std::string format_txn(const History& h, uint32_t id);
const char* txn_status_name(TxnStatus s);  // "ok", "fail", "info"

}  // namespace isocheck
