// Groups one transaction's micro-ops by key, keeping program order within each
// key. Both list-append and rw-register inference reason per (transaction,
// key): the first read before any own write is the "external" read, the last
// write is the installed version, and consecutive reads and writes must agree
// with each other (internal consistency).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "checker/history/history.h"

namespace isocheck {

struct KeyedMop {
  uint32_t key_index;  // dense index of the mop's key
  uint32_t offset;     // position of the mop inside its transaction
};

// Fills `out` (cleared first) with one entry per micro-op of `txn`, sorted by
// key index and then by position. `mop_key` maps every History::mops position
// to its key index.
void group_mops_by_key(const Txn& txn, std::span<const uint32_t> mop_key,
                       std::vector<KeyedMop>& out);

// Calls visit(first, last) for each run of `grouped` that shares a key.
template <typename Visit>
void for_each_key_group(const std::vector<KeyedMop>& grouped, Visit&& visit) {
  size_t begin = 0;
  while (begin < grouped.size()) {
    size_t end = begin + 1;
    while (end < grouped.size() && grouped[end].key_index == grouped[begin].key_index) ++end;
    visit(std::span<const KeyedMop>(grouped.data() + begin, end - begin));
    begin = end;
  }
}

// Dense key indexes for every micro-op of the history, in History::mops
// order, and the key each index stands for.
struct KeyIndexes {
  std::vector<uint32_t> of_mop;
  std::vector<int64_t> keys;
};
KeyIndexes index_keys(const History& h);

}  // namespace isocheck
