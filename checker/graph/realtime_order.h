// realtime_edges: real-time order between transactions, reduced to a size
// linear in the history.
//
// The full relation — T1 (ok) completed before T2 (ok or info) was invoked —
// is quadratic. This emits a subset whose transitive closure is exactly that
// relation: sweeping events in recorded order, it keeps a frontier of
// completed transactions that no later-completed one follows; an invocation
// gets an edge from each frontier member, and a completion evicts the
// members it follows (they now reach later transactions through it). The
// frontier's members overlap pairwise in time, so it is never larger than
// the peak concurrency, and the output has O(n x concurrency) edges.
//
// "Before" is judged by the recorded event indices (Txn::invoke_index,
// complete_index), which order events totally and agree with their times;
// two events with equal timestamps are thus still ordered, as Elle orders
// them by position in the history. Failed transactions and transactions
// that never completed are never sources; failed ones are never targets.
#pragma once

#include <vector>

#include "checker/graph/edge.h"
#include "checker/history/history.h"

namespace isocheck {

std::vector<Edge> realtime_edges(const History& history);

}  // namespace isocheck
