// process_edges: the per-client session order of a history as graph edges.
//
// For each process, an edge from every transaction that may have taken
// effect (ok or info) to the next such transaction of the same process.
// Failed transactions took no effect and are skipped; the chain continues
// through them, so T1 (ok), T2 (fail), T3 (ok) yields T1 -> T3. Transaction
// ids are positions in History::txns; edges come out in increasing order of
// their source's invocation within each process.
#pragma once

#include <vector>

#include "checker/graph/edge.h"
#include "checker/history/history.h"

namespace isocheck {

std::vector<Edge> process_edges(const History& history);

}  // namespace isocheck
