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
  std::vector<HistoryEvent> events;
  events.reserve(h.txns.size() + completed.size());
  size_t c = 0;
  for (uint32_t i = 0; i < h.txns.size(); ++i) {
    while (c < completed.size() && h.txns[completed[c]].complete_index < h.txns[i].invoke_index)
      events.push_back({completed[c++], true});
    events.push_back({i, false});
  }
  while (c < completed.size()) events.push_back({completed[c++], true});
  return events;
}

}  // namespace isocheck
