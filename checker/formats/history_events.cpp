#include "checker/formats/history_events.h"

#include <algorithm>

namespace isocheck {

std::vector<HistoryEvent> history_events(const History& h) {
  // Invocations are already in index order (History's contract); completions are sorted
  // separately and the two runs merged.
  std::vector<uint32_t> completed;
  for (uint32_t i = 0; i < h.txns.size(); ++i)
    if (h.txns[i].completed()) completed.push_back(i);
  std::sort(completed.begin(), completed.end(), [&](uint32_t a, uint32_t b) {
    return h.txns[a].complete_index < h.txns[b].complete_index;
  });
  std::vector<HistoryEvent> merged;
  merged.reserve(h.txns.size() + completed.size());
  size_t c = 0;
  for (uint32_t i = 0; i < h.txns.size(); ++i) {
    while (c < completed.size() && h.txns[completed[c]].complete_index < h.txns[i].invoke_index)
      merged.push_back({completed[c++], true});
    merged.push_back({i, false});
  }
  while (c < completed.size()) merged.push_back({completed[c++], true});
  if (!h.epochs.empty()) {
    std::vector<HistoryEvent> with_epochs;
    with_epochs.reserve(merged.size() + h.epochs.size());
    uint32_t m = 0;
    for (size_t i = 0; i < merged.size(); ++i) {
      while (m < h.epochs.size() && h.epochs[m].events_before <= i)
        with_epochs.push_back({m++, false, false, true});
      with_epochs.push_back(merged[i]);
    }
    while (m < h.epochs.size()) with_epochs.push_back({m++, false, false, true});
    merged = std::move(with_epochs);
  }
  if (h.faults.empty()) return merged;
  std::vector<HistoryEvent> events;
  events.reserve(merged.size() + h.faults.size());
  uint32_t f = 0;
  for (const HistoryEvent& e : merged) {
    while (f < h.faults.size() && h.faults[f].time_ns <= e.time_ns(h))
      events.push_back({f++, false, true});
    events.push_back(e);
  }
  while (f < h.faults.size()) events.push_back({f++, false, true});
  return events;
}

}  // namespace isocheck
