#include "checker/infer/mops_by_key.h"

#include <algorithm>

#include "checker/infer/pair_index.h"

namespace isocheck {

void group_mops_by_key(const Txn& txn, std::span<const uint32_t> mop_key,
                       std::vector<KeyedMop>& out) {
  out.clear();
  for (uint32_t i = 0; i < txn.mop_count; ++i) out.push_back({mop_key[txn.mop_begin + i], i});
  // Most transactions hold a handful of micro-ops, often already grouped.
  std::stable_sort(out.begin(), out.end(),
                   [](const KeyedMop& a, const KeyedMop& b) { return a.key_index < b.key_index; });
}

KeyIndexes index_keys(const History& h) {
  KeyIndexes out;
  out.of_mop.resize(h.mops.size());
  PairIndex ids;
  for (size_t i = 0; i < h.mops.size(); ++i) {
    int64_t key = h.mops[i].key;
    uint32_t id = ids.insert(key, 0, static_cast<uint32_t>(out.keys.size()));
    if (id == out.keys.size()) out.keys.push_back(key);
    out.of_mop[i] = id;
  }
  return out;
}

}  // namespace isocheck
