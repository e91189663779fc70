#include "checker/report/witness_state.h"

#include <algorithm>
#include <set>
#include <utility>

namespace isocheck {

std::map<int64_t, KeyState> witness_initial_state(const History& h, const Anomaly& a) {
  std::vector<uint32_t> txns = a.txns;
  std::sort(txns.begin(), txns.end());  // ids are invocation order
  std::set<std::pair<int64_t, int64_t>> written;
  for (uint32_t id : txns) {
    for (const Mop& m : h.mops_of(h.txns[id])) {
      if (m.is_write()) written.emplace(m.key, m.value);
    }
  }
  std::map<int64_t, KeyState> state;
  for (uint32_t id : txns) {
    for (const Mop& m : h.mops_of(h.txns[id])) {
      if (!m.is_read() || !m.has_result) continue;
      KeyState seen;
      if (m.kind == MopKind::kReadList) {
        std::vector<int64_t> before;
        for (int64_t v : h.list_of(m)) {
          if (!written.count({m.key, v})) before.push_back(v);
        }
        if (!before.empty()) seen = std::move(before);
      } else if (!m.is_nil) {
        if (written.count({m.key, m.value})) continue;
        seen = std::vector<int64_t>{m.value};
      }
      auto [it, inserted] = state.emplace(m.key, seen);
      if (inserted || m.kind != MopKind::kReadList) continue;
      size_t have = it->second ? it->second->size() : 0;
      size_t now = seen ? seen->size() : 0;
      if (now < have) it->second = std::move(seen);
    }
  }
  return state;
}

}  // namespace isocheck
