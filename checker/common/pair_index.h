// PairIndex: an open-addressing hash map from a pair of 64-bit integers to a
// 32-bit slot number, for the lookups version inference does millions of
// times ("which key index is key 17", "which write put value 4 in key 3").
//
// std::unordered_map allocates a node per entry; this keeps two flat arrays
// and probes linearly, so a lookup is one or two cache misses. Entries are
// never erased. Contract: reserve() before bulk inserts keeps rehashing away;
// the table grows by itself when it would pass three quarters full.
//
// Memory is what bounds the largest history a machine can check (version
// inference of 10M list-append transactions indexes 12.5M appends), so slots
// are 20 bytes, not 24, and the table fills to 3/4 before it doubles: 27-53
// bytes an entry instead of 48-96. At 3/4 full a hit still costs about 2.5
// probes on average, in one or two cache lines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace isocheck {

class PairIndex {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  PairIndex() { rehash(16); }

  void reserve(size_t entries) {
    size_t want = 16;
    while (want * 3 < entries * 4) want <<= 1;
    if (want > slots_.size()) rehash(want);
  }

  size_t size() const { return size_; }

  // The value stored for (a, b), or kAbsent.
  uint32_t find(int64_t a, int64_t b) const {
    for (size_t i = hash(a, b) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == kAbsent) return kAbsent;
      if (s.a == a && s.b == b) return s.value;
    }
  }

  // Stores `value` for (a, b) unless present; returns the value now stored.
  uint32_t insert(int64_t a, int64_t b, uint32_t value) {
    if ((size_ + 1) * 4 > slots_.size() * 3) rehash(slots_.size() * 2);
    for (size_t i = hash(a, b) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value == kAbsent) {
        s = {a, b, value};
        ++size_;
        return value;
      }
      if (s.a == a && s.b == b) return s.value;
    }
  }

 private:
#pragma pack(push, 4)
  struct Slot {
    int64_t a = 0;
    int64_t b = 0;
    uint32_t value = kAbsent;
  };
#pragma pack(pop)
  static_assert(sizeof(Slot) == 20);

  static size_t hash(int64_t a, int64_t b) {
    // Multiply-xorshift mixing: keys and values are often small consecutive
    // integers, which an identity hash would cluster.
    uint64_t h = static_cast<uint64_t>(a) * 0x9E3779B97F4A7C15ull;
    h ^= static_cast<uint64_t>(b) + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
    h *= 0xBF58476D1CE4E5B9ull;
    return static_cast<size_t>(h ^ (h >> 31));
  }

  void rehash(size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    size_ = 0;
    for (const Slot& s : old)
      if (s.value != kAbsent) insert(s.a, s.b, s.value);
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace isocheck
