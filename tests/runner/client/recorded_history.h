// Test support for the client tests: reads a recorded history file back,
// both as raw events and through HistoryBuilder (which enforces the
// invoke/complete pairing rules every loader applies).
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "checker/history/history.h"
#include "proto/history.pb.h"

namespace isocheck::runner::testing {

struct RecordedHistory {
  proto::Header header;
  std::vector<proto::Event> events;
  std::vector<proto::Session> sessions;  // one per (re)connection
  History history;
  std::string builder_error;  // empty when every event was well-formed
};

RecordedHistory read_recorded_history(const std::string& path);

// Polls `condition` every few milliseconds until it holds or `cap` passes;
// returns whether it held.
bool wait_until(const std::function<bool()>& condition,
                std::chrono::milliseconds cap = std::chrono::seconds(30));

}  // namespace isocheck::runner::testing
