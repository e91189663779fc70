// ListAppendVersions: what list-append inference learns about each key — who
// appended which value, and the version order read off the longest committed
// read — kept in flat arrays so the edge explainer can answer questions about
// any edge later without a string per edge.
//
// Contract: built once from a History that must outlive it. Positions in a
// key's version order are 0-based; `kNone` marks "no such append/position".
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "checker/common/pair_index.h"
#include "checker/history/history.h"
#include "checker/infer/mops_by_key.h"

namespace isocheck {

struct AppendRecord {
  int64_t value = 0;
  uint32_t txn = 0;
  uint32_t key_index = 0;
  // First position of `value` in its key's version order, or kNone.
  uint32_t order_pos = UINT32_MAX;
  // The writer appended nothing more to this key after this value.
  bool final_in_txn = false;
  // Another append put the same value in the same key: a read showing it
  // does not say whose append it saw.
  bool ambiguous = false;
};

// The first value appended to one key more than once, and how many repeated
// appends there are in all (0 when every appended value is unique).
struct RepeatedAppends {
  size_t count = 0;
  int64_t key = 0;
  int64_t value = 0;
  uint32_t first_txn = 0;
  uint32_t repeat_txn = 0;
};

class ListAppendVersions {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  static constexpr uint64_t kNoMop = UINT64_MAX;

  explicit ListAppendVersions(const History& h);

  const History& history() const { return h_; }
  const KeyIndexes& keys() const { return keys_; }
  size_t key_count() const { return keys_.keys.size(); }
  int64_t key(uint32_t key_index) const { return keys_.keys[key_index]; }
  uint32_t key_index_of_mop(uint64_t mop) const { return keys_.of_mop[mop]; }

  const std::vector<AppendRecord>& appends() const { return appends_; }
  // Index in appends() of the append of `value` to the key, or kNone. A
  // value appended more than once maps to its first append, marked ambiguous.
  uint32_t find_append(uint32_t key_index, int64_t value) const {
    return append_ids_.find(key_index, value);
  }
  // The append of `value` whose writer a read of it names, or kNone (nobody
  // appended it, or more than one transaction did).
  uint32_t unique_append(uint32_t key_index, int64_t value) const {
    uint32_t a = find_append(key_index, value);
    return a == kNone || appends_[a].ambiguous ? kNone : a;
  }
  const RepeatedAppends& repeated() const { return repeated_; }

  // The key's version order: the longest committed read of it (empty when
  // no committed read saw the key), and the mop holding that read.
  std::span<const int64_t> order(uint32_t key_index) const;
  uint64_t longest_read_mop(uint32_t key_index) const { return longest_read_[key_index]; }
  // Append at `pos` of the key's version order, or kNone for a value nobody
  // appended, for a repeat of a value seen earlier in the order, and for a
  // value appended more than once.
  uint32_t append_at(uint32_t key_index, uint32_t pos) const {
    return order_append_[order_begin_[key_index] + pos];
  }

  bool may_have_committed(uint32_t txn) const { return h_.txns[txn].status != TxnStatus::kFail; }

  // First position >= pos whose append comes from a transaction that may
  // have committed, or kNone.
  uint32_t next_visible(uint32_t key_index, uint32_t pos) const;
  // Last position < pos whose append comes from a transaction that may have
  // committed, or kNone.
  uint32_t previous_visible(uint32_t key_index, uint32_t pos) const;

  // The ok transactions that appended to the key values no read of the
  // order shows (each once, ascending); repeated values are left out.
  std::span<const uint32_t> unobserved_writers(uint32_t key_index) const {
    return std::span<const uint32_t>(unobserved_)
        .subspan(unobserved_begin_[key_index],
                 unobserved_begin_[key_index + 1] - unobserved_begin_[key_index]);
  }

  // The read's list is a prefix of its key's version order.
  bool is_prefix_of_order(const Mop& read, uint32_t key_index) const;

 private:
  void note_repeat(uint32_t first, uint32_t txn);
  void index_unobserved();

  const History& h_;
  KeyIndexes keys_;
  std::vector<AppendRecord> appends_;
  PairIndex append_ids_;
  RepeatedAppends repeated_;
  std::vector<uint64_t> longest_read_;
  std::vector<uint64_t> order_begin_;  // per key, into order_append_
  std::vector<uint32_t> order_append_;
  std::vector<uint32_t> unobserved_begin_;  // per key, into unobserved_
  std::vector<uint32_t> unobserved_;
};

}  // namespace isocheck
