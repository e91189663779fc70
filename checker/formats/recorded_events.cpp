#include "checker/formats/recorded_events.h"

#include "checker/formats/history_format.h"
#include "checker/formats/record_stream_reader.h"

namespace isocheck {

RecordedEvents read_recorded_events(const std::string& path, const std::set<uint64_t>& indices) {
  RecordedEvents found;
  if (indices.empty() || detect_format(path) != HistoryFormat::kProtobuf) return found;
  RecordStreamReader reader(path);
  proto::Record record;
  uint64_t last_wanted = *indices.rbegin();
  while (found.size() < indices.size() && reader.next(record)) {
    if (!record.has_event()) continue;
    uint64_t index = record.event().index();
    if (indices.count(index)) found.emplace(index, record.event());
    if (index > last_wanted) break;  // indices strictly increase in a file
  }
  return found;
}

}  // namespace isocheck
