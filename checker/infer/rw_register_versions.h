// RegisterVersions: what rw-register inference knows about each key's
// versions — who wrote each value, and the partial version order.
//
// Values are meant to be unique per key, so that a read names the write it
// saw. A value written more than once to a key is kept once per write and
// marked repeated: a read of it names no writer, and counts as evidence for
// nothing (see repeated()). The order is
// only partly known: nil (the initial version) precedes every write, and a
// committed transaction whose external read of a key returned v1 and whose
// last write to it was v2 puts v1 before v2. Since each value has one writer
// and a writer has one external read per key, every version has at most one
// known predecessor: the version graph is a forest of parent links (or has a
// cycle, which is the cyclic-versions anomaly).
//
// Nodes are write indexes (positions in writes()) for written values and
// nil_node(k) = writes().size() + k for the initial version of key k.
//
// Contract: the History must outlive this object.
#pragma once

#include <cstdint>
#include <vector>

#include "checker/common/pair_index.h"
#include "checker/history/history.h"
#include "checker/infer/mops_by_key.h"

namespace isocheck {

struct WriteRecord {
  int64_t value = 0;
  uint32_t txn = 0;
  uint32_t key_index = 0;
  // The writer wrote nothing more to this key afterwards: the version it
  // installs.
  bool final_in_txn = false;
  // Another write put the same value in the same key.
  bool repeated = false;
};

// The first value written to one key more than once, and how many repeated
// writes there are in all (0 when every written value is unique).
struct RepeatedWrites {
  size_t count = 0;
  int64_t key = 0;
  int64_t value = 0;
  uint32_t first_txn = 0;
  uint32_t repeat_txn = 0;
};

// A committed transaction's first read of a key, before it wrote the key.
struct ExternalRead {
  uint64_t mop = 0;
  uint32_t txn = 0;
  uint32_t node = 0;  // version read; kNone for a value nobody wrote
};

class RegisterVersions {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  explicit RegisterVersions(const History& h);

  const History& history() const { return h_; }
  size_t key_count() const { return keys_.keys.size(); }
  int64_t key(uint32_t key_index) const { return keys_.keys[key_index]; }
  uint32_t key_index_of_mop(uint64_t mop) const { return keys_.of_mop[mop]; }
  const std::vector<uint32_t>& mop_keys() const { return keys_.of_mop; }

  const std::vector<WriteRecord>& writes() const { return writes_; }
  // The first write of `value` to the key, or kNone.
  uint32_t find_write(uint32_t key_index, int64_t value) const {
    return write_ids_.find(key_index, value);
  }
  // The write a read of `value` saw, or kNone: nobody wrote it, or more than
  // one write did.
  uint32_t unique_write(uint32_t key_index, int64_t value) const {
    const uint32_t w = find_write(key_index, value);
    return w == kNone || writes_[w].repeated ? kNone : w;
  }
  // The last write of `txn` to the key, or kNone.
  uint32_t final_write(uint32_t txn, uint32_t key_index) const;
  const RepeatedWrites& repeated() const { return repeated_; }
  uint32_t nil_node(uint32_t key_index) const {
    return static_cast<uint32_t>(writes_.size()) + key_index;
  }
  bool is_nil_node(uint32_t node) const { return node >= writes_.size(); }
  size_t node_count() const { return writes_.size() + key_count(); }
  // The node a read with a known result saw, or kNone (garbage, or a value
  // written more than once).
  uint32_t node_read(const Mop& read, uint32_t key_index) const {
    return read.is_nil ? nil_node(key_index) : unique_write(key_index, read.value);
  }

  // The version known to precede write `w`: a node, or kNone when only nil
  // precedes it (a blind write, or a read of garbage).
  uint32_t parent(uint32_t w) const { return parent_[w]; }
  // "nil", or the value.
  std::string node_text(uint32_t node) const;

  const std::vector<ExternalRead>& external_reads() const { return external_reads_; }

  bool may_have_committed(uint32_t txn) const { return h_.txns[txn].status != TxnStatus::kFail; }

 private:
  const History& h_;
  KeyIndexes keys_;
  std::vector<WriteRecord> writes_;
  std::vector<uint32_t> txn_writes_begin_;  // per transaction, into writes_
  PairIndex write_ids_;
  RepeatedWrites repeated_;
  std::vector<uint32_t> parent_;
  std::vector<ExternalRead> external_reads_;
};

}  // namespace isocheck
