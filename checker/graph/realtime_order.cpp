#include "checker/graph/realtime_order.h"

#include <algorithm>
#include <cstdint>

namespace isocheck {

std::vector<Edge> realtime_edges(const History& history) {
  const auto& txns = history.txns;
  // ok transactions in completion order.
  std::vector<uint32_t> by_completion;
  for (uint32_t id = 0; id < txns.size(); ++id)
    if (txns[id].status == TxnStatus::kOk && txns[id].completed()) by_completion.push_back(id);
  std::sort(by_completion.begin(), by_completion.end(), [&](uint32_t a, uint32_t b) {
    return txns[a].complete_index < txns[b].complete_index;
  });

  // Two passes over the same merge, the first only counting: the edges are
  // the largest part of a big graph, and a vector
  // grown by doubling would hold its old and new storage at once.
  std::vector<Edge> edges;
  std::vector<uint32_t> frontier;
  for (const bool emit : {false, true}) {
    uint64_t count = 0;
    frontier.clear();
    size_t next_completion = 0;
    // txns is in invocation order; merge it with the completions.
    for (uint32_t id = 0; id < txns.size(); ++id) {
      const Txn& t = txns[id];
      while (next_completion < by_completion.size() &&
             txns[by_completion[next_completion]].complete_index < t.invoke_index) {
        const uint32_t done = by_completion[next_completion++];
        const uint64_t done_invoked = txns[done].invoke_index;
        std::erase_if(frontier, [&](uint32_t f) { return txns[f].complete_index < done_invoked; });
        frontier.push_back(done);
      }
      if (t.status == TxnStatus::kFail) continue;
      if (!emit) {
        count += frontier.size();
        continue;
      }
      for (uint32_t f : frontier) edges.push_back(Edge{f, id, EdgeKind::kRealtime});
    }
    if (!emit) edges.reserve(count);
  }
  return edges;
}

}  // namespace isocheck
