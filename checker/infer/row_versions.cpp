#include "checker/infer/row_versions.h"

#include <fmt/format.h>

#include <algorithm>

namespace isocheck {

const Row* returned_row(const History& h, const Mop& m) {
  if (!m.has_result) return nullptr;
  auto rows = h.rows_of(m);
  return rows.empty() ? nullptr : &rows.front();
}

RowVersions::RowVersions(const History& h) : h_(h) {
  collect_writes();
  link_parents();
  build_chains();
}

uint32_t RowVersions::key_index(int64_t key) const { return key_ids_.find(key, 0); }

void RowVersions::collect_writes() {
  auto index_of = [&](int64_t key) {
    uint32_t k = key_ids_.insert(key, 0, static_cast<uint32_t>(keys_.size()));
    if (k == keys_.size()) keys_.push_back(key);
    return k;
  };
  for (uint32_t t = 0; t < h_.txns.size(); ++t) {
    const Txn& txn = h_.txns[t];
    for (uint32_t i = 0; i < txn.mop_count; ++i) {
      const uint64_t m = txn.mop_begin + i;
      const Mop& mop = h_.mops[m];
      if (mop.kind != MopKind::kInsert && mop.kind != MopKind::kUpdate &&
          mop.kind != MopKind::kDelete)
        continue;
      // An update or delete that found no row installed nothing; one whose
      // result is unknown may have, if it was an update (its value is
      // unique); an unknown delete leaves no trace to follow.
      if (mop.kind != MopKind::kInsert && mop.has_result && !returned_row(h_, mop)) continue;
      if (mop.kind == MopKind::kDelete && !mop.has_result) {
        if (may_have_committed(t)) unknown_delete_.push_back(index_of(mop.key));
        continue;
      }
      RowWrite w;
      w.txn = t;
      w.key_index = index_of(mop.key);
      w.mop = m;
      w.kind = mop.kind;
      w.row = {mop.key, mop.value, h_.row_mop_of(mop).group};
      writes_.push_back(w);
    }
  }
  // The last write of each (txn, key) installs the version others can see.
  for (size_t i = writes_.size(); i-- > 0;) {
    bool later = false;
    for (size_t j = i + 1; j < writes_.size() && writes_[j].txn == writes_[i].txn; ++j)
      later = later || writes_[j].key_index == writes_[i].key_index;
    writes_[i].final_in_txn = !later;
  }
  write_ids_.reserve(writes_.size());
  for (uint32_t w = 0; w < writes_.size(); ++w)
    if (writes_[w].kind != MopKind::kDelete)
      write_ids_.insert(writes_[w].key_index, writes_[w].row.value, w);
  sorted_keys_.resize(keys_.size());
  for (uint32_t k = 0; k < keys_.size(); ++k) sorted_keys_[k] = k;
  std::sort(sorted_keys_.begin(), sorted_keys_.end(),
            [&](uint32_t a, uint32_t b) { return keys_[a] < keys_[b]; });
}

void RowVersions::link_parents() {
  std::vector<uint32_t> inserts(keys_.size(), 0);
  for (const RowWrite& w : writes_)
    if (w.kind == MopKind::kInsert && may_have_committed(w.txn)) ++inserts[w.key_index];
  parent_.assign(writes_.size(), kNone);
  for (uint32_t w = 0; w < writes_.size(); ++w) {
    const RowWrite& rec = writes_[w];
    if (!may_have_committed(rec.txn)) continue;
    if (rec.kind == MopKind::kInsert) {
      if (inserts[rec.key_index] == 1) parent_[w] = absent_node(rec.key_index);
      continue;
    }
    const Row* old = returned_row(h_, h_.mops[rec.mop]);
    if (!old) continue;
    const uint32_t p = find_write(rec.key_index, old->value);
    if (p != kNone && p != w && may_have_committed(writes_[p].txn)) parent_[w] = p;
  }
  const size_t nodes = writes_.size() + keys_.size();
  child_begin_.assign(nodes + 1, 0);
  for (uint32_t w = 0; w < writes_.size(); ++w)
    if (parent_[w] != kNone) ++child_begin_[parent_[w] + 1];
  for (size_t i = 0; i < nodes; ++i) child_begin_[i + 1] += child_begin_[i];
  children_.resize(child_begin_.back());
  std::vector<uint32_t> next(child_begin_.begin(), child_begin_.end() - 1);
  for (uint32_t w = 0; w < writes_.size(); ++w)
    if (parent_[w] != kNone) children_[next[parent_[w]]++] = w;
}

void RowVersions::build_chains() {
  // A key has a chain when every version that may have been committed hangs
  // off its absence in one line.
  std::vector<uint32_t> versions(keys_.size(), 0);
  for (const RowWrite& w : writes_)
    if (may_have_committed(w.txn)) ++versions[w.key_index];
  // A delete that may have committed but left no trace: where it would go
  // in the line is unknown, so the key has none.
  std::vector<bool> unknown(keys_.size(), false);
  for (uint32_t k : unknown_delete_) unknown[k] = true;
  chain_begin_.assign(keys_.size() + 1, 0);
  std::vector<uint32_t> line;
  for (uint32_t k = 0; k < keys_.size(); ++k) {
    line.assign(1, absent_node(k));
    bool branched = false;
    while (!branched) {
      auto next = children(line.back());
      if (next.size() > 1) branched = true;
      if (next.size() != 1) break;
      line.push_back(next.front());
    }
    if (!branched && !unknown[k] && line.size() == versions[k] + 1) {
      chains_.insert(chains_.end(), line.begin(), line.end());
    }
    chain_begin_[k + 1] = static_cast<uint32_t>(chains_.size());
  }
}

std::string RowVersions::node_text(uint32_t node) const {
  if (is_absent_node(node)) return "absent";
  const RowWrite& w = writes_[node];
  if (w.kind == MopKind::kDelete) return fmt::format("deleted by T{}", w.txn);
  return fmt::format("v={} group {}", w.row.value, w.row.group);
}

}  // namespace isocheck
