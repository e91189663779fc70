#include "checker/infer/rw_register_versions.h"

#include <string>

namespace isocheck {

RegisterVersions::RegisterVersions(const History& h) : h_(h), keys_(index_keys(h)) {
  // Sized exactly: the table is the largest structure inference builds.
  size_t writes = 0;
  for (const Mop& m : h.mops) writes += m.kind == MopKind::kWrite;
  writes_.reserve(writes);
  write_ids_.reserve(writes);
  std::vector<uint32_t> last_write_of_key(key_count(), kNone);
  std::vector<uint32_t> touched;
  txn_writes_begin_.assign(h.txns.size() + 1, 0);
  for (uint32_t t = 0; t < h.txns.size(); ++t) {
    const Txn& txn = h.txns[t];
    touched.clear();
    txn_writes_begin_[t] = static_cast<uint32_t>(writes_.size());
    for (uint64_t m = txn.mop_begin; m < txn.mop_begin + txn.mop_count; ++m) {
      const Mop& mop = h.mops[m];
      if (mop.kind != MopKind::kWrite) continue;
      uint32_t k = keys_.of_mop[m];
      uint32_t id = static_cast<uint32_t>(writes_.size());
      writes_.push_back({mop.value, t, k, false, false});
      if (uint32_t first = write_ids_.insert(k, mop.value, id); first != id) {
        writes_[first].repeated = writes_[id].repeated = true;
        if (repeated_.count++ == 0)
          repeated_ = {1, keys_.keys[k], mop.value, writes_[first].txn, t};
      }
      if (last_write_of_key[k] == kNone) touched.push_back(k);
      last_write_of_key[k] = id;
    }
    for (uint32_t k : touched) {
      writes_[last_write_of_key[k]].final_in_txn = true;
      last_write_of_key[k] = kNone;
    }
  }
  txn_writes_begin_[h.txns.size()] = static_cast<uint32_t>(writes_.size());

  parent_.assign(writes_.size(), kNone);
  std::vector<KeyedMop> grouped;
  for (uint32_t t = 0; t < h.txns.size(); ++t) {
    const Txn& txn = h.txns[t];
    if (txn.status != TxnStatus::kOk) continue;
    group_mops_by_key(txn, keys_.of_mop, grouped);
    for_each_key_group(grouped, [&](std::span<const KeyedMop> group) {
      const uint64_t first = txn.mop_begin + group.front().offset;
      const Mop& read = h.mops[first];
      if (read.kind != MopKind::kReadRegister || !read.has_result) return;
      const uint32_t k = group.front().key_index;
      const uint32_t node = node_read(read, k);
      external_reads_.push_back({first, t, node});
      const uint32_t w = final_write(t, k);
      if (w != kNone && node != w) parent_[w] = node;
    });
  }
}

uint32_t RegisterVersions::final_write(uint32_t txn, uint32_t key_index) const {
  for (uint32_t w = txn_writes_begin_[txn + 1]; w-- > txn_writes_begin_[txn];)
    if (writes_[w].key_index == key_index) return w;
  return kNone;
}

std::string RegisterVersions::node_text(uint32_t node) const {
  if (node == kNone) return "?";
  if (is_nil_node(node)) return "nil";
  return std::to_string(writes_[node].value);
}

}  // namespace isocheck
