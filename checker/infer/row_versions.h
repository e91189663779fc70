// RowVersions: what predicate inference knows about the versions of each row
// of the predicate workload's table — who installed each one, and their
// order.
//
// Versions of a row: its initial absence, then one per effective write: an
// insert, an update that found the row, a delete that found it (a
// tombstone). Written values are unique per key, so a returned row names
// the write that installed it. Updates and deletes return the row they
// replaced, which is therefore each one's parent; an insert's parent is the
// row's initial absence when it is the only insert of its key (otherwise the
// absence it filled could also be a tombstone, so it stays unknown). On a
// correct database each row's versions then form one chain from its
// absence; `chain(k)` holds it, or is empty when the versions branch (a
// lost update), a parent is unknown, or a transaction whose outcome is
// unknown deleted the row (or tried to) with no result recorded.
//
// Nodes are write indexes (positions in writes()) and
// absent_node(k) = writes().size() + k for a row's initial absence. Writes
// of failed transactions are kept (to name aborted reads) but are never a
// parent or part of a chain.
//
// Contract: the History must outlive this object.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "checker/common/pair_index.h"
#include "checker/history/history.h"

namespace isocheck {

struct RowWrite {
  uint32_t txn = 0;
  uint32_t key_index = 0;
  uint64_t mop = 0;  // position in History::mops
  MopKind kind = MopKind::kInsert;
  Row row;                    // the row installed; unused for a tombstone
  bool final_in_txn = false;  // the writer wrote the key no more afterwards
};

class RowVersions {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  explicit RowVersions(const History& h);

  const History& history() const { return h_; }
  size_t key_count() const { return keys_.size(); }
  int64_t key(uint32_t key_index) const { return keys_[key_index]; }
  // kNone for a key nobody wrote.
  uint32_t key_index(int64_t key) const;
  // Key indexes in ascending key order.
  const std::vector<uint32_t>& keys_in_order() const { return sorted_keys_; }

  const std::vector<RowWrite>& writes() const { return writes_; }
  const RowWrite& write(uint32_t node) const { return writes_[node]; }
  // The insert or update of `value` to the key, or kNone.
  uint32_t find_write(uint32_t key_index, int64_t value) const {
    return write_ids_.find(key_index, value);
  }
  uint32_t absent_node(uint32_t key_index) const {
    return static_cast<uint32_t>(writes_.size()) + key_index;
  }
  bool is_absent_node(uint32_t node) const { return node >= writes_.size(); }
  bool is_tombstone(uint32_t node) const {
    return !is_absent_node(node) && writes_[node].kind == MopKind::kDelete;
  }
  // Whether the row in this version exists and matches `p`.
  bool matches(uint32_t node, const Predicate& p) const {
    return !is_absent_node(node) && !is_tombstone(node) && p.matches(writes_[node].row);
  }
  uint32_t parent(uint32_t node) const { return is_absent_node(node) ? kNone : parent_[node]; }
  std::span<const uint32_t> children(uint32_t node) const {
    return {children_.data() + child_begin_[node], child_begin_[node + 1] - child_begin_[node]};
  }
  // The key's versions in order from its absence; empty when not one chain.
  std::span<const uint32_t> chain(uint32_t key_index) const {
    return {chains_.data() + chain_begin_[key_index],
            chain_begin_[key_index + 1] - chain_begin_[key_index]};
  }

  bool may_have_committed(uint32_t txn) const { return h_.txns[txn].status != TxnStatus::kFail; }
  // "absent", "deleted by T3", "v=12 group 2".
  std::string node_text(uint32_t node) const;

 private:
  void collect_writes();
  void link_parents();
  void build_chains();

  const History& h_;
  std::vector<int64_t> keys_;
  std::vector<uint32_t> sorted_keys_;
  PairIndex key_ids_;
  std::vector<RowWrite> writes_;
  PairIndex write_ids_;
  std::vector<uint32_t> parent_;
  std::vector<uint32_t> child_begin_, children_;
  std::vector<uint32_t> chain_begin_, chains_;
  std::vector<uint32_t> unknown_delete_;  // keys of deletes with unknown outcome
};

// The row a predicate-workload read or write mop returned (the old row of
// an update or delete), or nullptr for none.
const Row* returned_row(const History& h, const Mop& m);

}  // namespace isocheck
