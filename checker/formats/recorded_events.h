// read_recorded_events: the raw completion events of a few transactions, as
// the runner recorded them, with what the in-memory History leaves out
// (statement times, backend pids).
//
// The checker's History keeps only what verdicts need, so that ten million
// transactions fit in memory; the few events a witness is shown with are read
// again from the file afterwards. Protobuf histories only: JSON lines and EDN
// carry no statement times (the result is then empty, never an error).
// Throws std::runtime_error naming the file when it cannot be read.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>

#include "proto/history.pb.h"

namespace isocheck {

using RecordedEvents = std::unordered_map<uint64_t, proto::Event>;

// The events of `path` whose index is in `indices`.
RecordedEvents read_recorded_events(const std::string& path, const std::set<uint64_t>& indices);

}  // namespace isocheck
