// AckedAppends: what an epoch leaves behind once it has been checked and
// its History released — per key, the appends that were acknowledged
// (committed) and that the epoch's closing read showed, so that the final
// read after the whole run can still catch a later fault losing them.
//
// Compact by design, for runs of any length: the keys of an epoch are one
// range, so a key costs one 4-byte offset, and its values are stored sorted
// as varint deltas (the runner's values per key are small consecutive
// numbers: about one byte each). Immutable once built.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "checker/history/history.h"

namespace isocheck {

class AckedAppends {
 public:
  // From a checked epoch's History: ok, non-final-read transactions' appends
  // to keys in [key_low, key_end) that the epoch's last final read of the
  // key shows (all of them when it has none).
  AckedAppends(const History& epoch, uint64_t epoch_number, int64_t key_low, int64_t key_end);

  uint64_t epoch() const { return epoch_; }
  int64_t key_low() const { return key_low_; }
  int64_t key_end() const { return key_end_; }
  bool owns(int64_t key) const { return key >= key_low_ && key < key_end_; }
  // The values of `key` (owns(key)), sorted.
  std::vector<int64_t> values_of(int64_t key) const;
  size_t bytes() const { return offsets_.capacity() * sizeof(uint32_t) + deltas_.capacity(); }

 private:
  uint64_t epoch_;
  int64_t key_low_, key_end_;
  std::vector<uint32_t> offsets_;  // key - key_low -> start in deltas_; one more at the end
  std::vector<uint8_t> deltas_;
};

}  // namespace isocheck
