#include "checker/check/order_explainer.h"

#include <fmt/format.h>

namespace isocheck {
namespace {

// Times are shown relative to the first invocation, in milliseconds, which
// is what a person compares when checking a real-time edge.
double ms_since_start(const History& h, int64_t ns) {
  int64_t origin = h.txns.empty() ? 0 : h.txns.front().invoke_ns;
  return static_cast<double>(ns - origin) / 1e6;
}

}  // namespace

std::string OrderExplainer::explain(uint32_t from, uint32_t to, EdgeKind kind) const {
  const Txn& a = history_.txns[from];
  const Txn& b = history_.txns[to];
  if (kind == EdgeKind::kProcess)
    return fmt::format("process {} ran T{} and then T{}, so T{} < T{} (process)", a.process, from,
                       to, from, to);
  if (!history_.times.trusted())
    return fmt::format(
        "T{} completed (event {}) before T{} was invoked (event {}), so T{} < T{} (realtime)", from,
        a.complete_index, to, b.invoke_index, from, to);
  return fmt::format(
      "T{} completed at {:.3f} ms, before T{} was invoked at {:.3f} ms, so T{} < T{} (realtime)",
      from, ms_since_start(history_, a.complete_ns), to, ms_since_start(history_, b.invoke_ns),
      from, to);
}

}  // namespace isocheck
