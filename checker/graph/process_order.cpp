#include "checker/graph/process_order.h"

#include <cstdint>
#include <unordered_map>

namespace isocheck {

std::vector<Edge> process_edges(const History& history) {
  std::vector<Edge> edges;
  // process -> its latest transaction that may have taken effect. There are
  // far fewer processes than transactions, so the map stays small.
  std::unordered_map<int64_t, uint32_t> latest;
  const auto& txns = history.txns;
  for (uint32_t id = 0; id < txns.size(); ++id) {
    const Txn& t = txns[id];
    if (t.status == TxnStatus::kFail) continue;
    auto [it, inserted] = latest.try_emplace(t.process, id);
    if (!inserted) {
      edges.push_back(Edge{it->second, id, EdgeKind::kProcess});
      it->second = id;
    }
  }
  return edges;
}

}  // namespace isocheck
