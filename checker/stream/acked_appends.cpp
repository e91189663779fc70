#include "checker/stream/acked_appends.h"

#include <algorithm>
#include <unordered_set>

namespace isocheck {
namespace {

void put_varint(std::vector<uint8_t>& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}

uint64_t get_varint(const uint8_t*& p) {
  uint64_t v = 0;
  for (int shift = 0;; shift += 7) {
    uint8_t b = *p++;
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
  }
}

// Values may be negative in hand-written histories: zig-zag the first.
uint64_t zigzag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
int64_t unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

}  // namespace

AckedAppends::AckedAppends(const History& h, uint64_t epoch_number, int64_t key_low,
                           int64_t key_end)
    : epoch_(epoch_number), key_low_(key_low), key_end_(std::max(key_low, key_end)) {
  const size_t keys = static_cast<size_t>(key_end_ - key_low_);
  std::vector<std::vector<int64_t>> acked(keys);
  std::vector<const Mop*> closing_read(keys, nullptr);
  for (const Txn& t : h.txns) {
    if (t.status != TxnStatus::kOk) continue;
    for (const Mop& m : h.mops_of(t)) {
      if (!owns(m.key)) continue;
      const size_t k = static_cast<size_t>(m.key - key_low_);
      if (t.final_read && m.kind == MopKind::kReadList && m.has_result) closing_read[k] = &m;
      if (!t.final_read && m.kind == MopKind::kAppend) acked[k].push_back(m.value);
    }
  }
  offsets_.reserve(keys + 1);
  std::unordered_set<int64_t> shown;
  for (size_t k = 0; k < keys; ++k) {
    offsets_.push_back(static_cast<uint32_t>(deltas_.size()));
    std::vector<int64_t>& values = acked[k];
    if (closing_read[k]) {
      std::span<const int64_t> list = h.list_of(*closing_read[k]);
      shown.clear();
      shown.insert(list.begin(), list.end());
      std::erase_if(values, [&](int64_t v) { return !shown.contains(v); });
    }
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    put_varint(deltas_, values.size());
    for (size_t i = 0; i < values.size(); ++i)
      put_varint(deltas_,
                 i == 0 ? zigzag(values[0]) : static_cast<uint64_t>(values[i] - values[i - 1]));
  }
  offsets_.push_back(static_cast<uint32_t>(deltas_.size()));
  offsets_.shrink_to_fit();
  deltas_.shrink_to_fit();
}

std::vector<int64_t> AckedAppends::values_of(int64_t key) const {
  std::vector<int64_t> values;
  if (!owns(key)) return values;
  const uint8_t* p = deltas_.data() + offsets_[static_cast<size_t>(key - key_low_)];
  uint64_t n = get_varint(p);
  values.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t d = get_varint(p);
    values.push_back(i == 0 ? unzigzag(d) : values.back() + static_cast<int64_t>(d));
  }
  return values;
}

}  // namespace isocheck
