// write_history: writes a History in any supported format — the one entry
// point for `isocheck convert` and for tests that build histories in code.
//
// Events are rebuilt from transactions (see history_events.h): each
// invocation with its micro-ops and read results unknown, then its
// completion, keeping the original event indices and times; invocations
// that never completed get no completion. What survives a round trip
// through load_history: everything for protobuf and JSON lines; for EDN
// everything but the header and the nil / unknown distinction noted in
// edn_history_writer.h. Throws std::runtime_error naming the path on I/O
// failure.
#pragma once

#include <string>

#include "checker/formats/history_format.h"
#include "checker/history/history.h"

namespace isocheck {

void write_history(const History& h, const std::string& path, HistoryFormat format);

}  // namespace isocheck
