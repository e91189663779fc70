#include "checker/claims/completion_timeline.h"

#include <algorithm>
#include <limits>

namespace isocheck {

Timeline completion_timeline(const History& h, size_t max_buckets) {
  Timeline timeline;
  int64_t start = std::numeric_limits<int64_t>::max();
  int64_t end = std::numeric_limits<int64_t>::min();
  for (const Txn& t : h.txns) {
    if (t.final_read || !t.completed()) continue;
    start = std::min(start, t.invoke_ns);
    end = std::max(end, t.complete_ns);
  }
  if (start > end || max_buckets == 0) return timeline;
  constexpr int64_t kSecond = 1'000'000'000;
  // Unsigned: a wild timestamp must not overflow the span.
  uint64_t span = static_cast<uint64_t>(end) - static_cast<uint64_t>(start);
  uint64_t seconds = span / kSecond + 1;
  uint64_t width = (seconds + max_buckets - 1) / max_buckets;
  timeline.bucket_seconds = static_cast<double>(width);
  timeline.buckets.resize((seconds + width - 1) / width);
  const uint64_t width_ns = width * kSecond;
  for (const Txn& t : h.txns) {
    if (t.final_read || !t.completed()) continue;
    uint64_t offset = static_cast<uint64_t>(t.complete_ns) - static_cast<uint64_t>(start);
    TimelineBucket& b =
        timeline.buckets[std::min<uint64_t>(offset / width_ns, timeline.buckets.size() - 1)];
    switch (t.status) {
      case TxnStatus::kOk:
        ++b.ok;
        break;
      case TxnStatus::kFail:
        ++b.failed;
        break;
      case TxnStatus::kInfo:
        ++b.indeterminate;
        break;
    }
  }
  const double total = static_cast<double>(timeline.buckets.size()) * timeline.bucket_seconds;
  auto seconds_of = [&](int64_t ns) {
    double s = static_cast<double>(ns - start) / kSecond;
    return std::clamp(s, 0.0, total);
  };
  for (const FaultWindow& w : fault_windows(h.faults, end)) {
    if (w.heal_ns < start || w.start_ns > end) continue;
    timeline.faults.push_back({w.kind, seconds_of(w.start_ns), seconds_of(w.heal_ns), w.healed});
  }
  return timeline;
}

}  // namespace isocheck
