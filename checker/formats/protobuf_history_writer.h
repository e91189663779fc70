// write_protobuf_history: writes a History as isocheck's native protobuf
// stream (a Header record, then one Event record per event, in index
// order; see history_events.h). Lossless: load_history gives back the same
// History. Throws std::runtime_error naming the path on I/O failure.
#pragma once

#include <string>

#include "checker/history/history.h"

namespace isocheck {

void write_protobuf_history(const History& h, const std::string& path);

}  // namespace isocheck
