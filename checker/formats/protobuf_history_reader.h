// read_protobuf_history: loads isocheck's native history file (see
// proto/history.proto) into a History.
//
// Contract:
//  - record 0 must be a Header with magic "isocheck-history" and
//    format_version 1; every later record must be an Event;
//  - a file cut inside a record (its length prefix or body runs past the end
//    of file) yields every whole record before the cut plus one warning
//    naming the cut's byte offset; a cut inside the header is an error;
//  - anything else that is wrong (a record that does not parse, a record
//    with no body, a second header, an unknown enum value, an event that
//    HistoryBuilder rejects) throws LoadError naming the record index and
//    its byte offset.
// Reads are not settled into list or register reads here: protobuf records
// say which they are. The file is streamed in large chunks through one
// reused proto::Record, so memory is the History plus one chunk.
#pragma once

#include <string>
#include <vector>

#include "checker/history/history.h"

namespace isocheck {

History read_protobuf_history(const std::string& path, std::vector<std::string>& warnings);

}  // namespace isocheck
