#include "checker/report/witness_state.h"

#include <algorithm>
#include <set>
#include <utility>

namespace isocheck {
namespace {

// A predicate-workload micro-op: each row it returned that none of the
// witness's transactions wrote is a row from before them; a point read,
// update or delete that found no row shows its key had none (unless the
// witness wrote the key before). An aggregate names no row.
void row_state(const History& h, const Mop& m, const std::set<std::pair<int64_t, int64_t>>& written,
               std::map<int64_t, KeyState>& state) {
  if (!m.has_result || m.kind == MopKind::kInsert) return;
  if (m.kind == MopKind::kPredicateRead && h.row_mop_of(m).aggregate != Aggregate::kRows) return;
  auto rows = h.rows_of(m);
  if (rows.empty() && m.kind != MopKind::kPredicateRead) {
    state.emplace(m.key, std::nullopt);
    return;
  }
  for (const Row& r : rows)
    if (!written.count({r.key, r.value}))
      state.emplace(r.key, std::vector<int64_t>{r.value, r.group});
}

}  // namespace

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
      if (is_row_mop_kind(m.kind)) {
        row_state(h, m, written, state);
        continue;
      }
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
