// witness_initial_state: the state of each key a witness touches as its
// transactions found it before any of them wrote — what a reproduction must
// set up before it replays the witness's statements.
//
// Derived from the witness's own reads: a read's result less the values the
// witness's transactions wrote is a state the key had before them. For a
// list the shortest such prefix is taken (the earliest state any of them saw);
// for a register the first such read in invocation order; for a row of the
// predicate workload the first row returned (by a predicate read of rows, a
// point read, or as the row an update or delete found), as its value and
// group. A key the witness writes but never reads is absent from the result:
// nothing says what it held; nor does a predicate read say which rows it
// did not return, nor an aggregate which rows it counted.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "checker/anomaly/anomaly.h"
#include "checker/history/history.h"

namespace isocheck {

// A key's row before the witness: nullopt = no row; a list (list-append),
// one value (rw-register, as a list of one), or value and group (predicate).
using KeyState = std::optional<std::vector<int64_t>>;

std::map<int64_t, KeyState> witness_initial_state(const History& h, const Anomaly& a);

}  // namespace isocheck
