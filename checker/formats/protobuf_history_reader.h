// read_protobuf_history: loads isocheck's native history file (see
// proto/history.proto) into a History.
//
// Contract:
//  - record 0 must be a Header with magic "isocheck-history" and a
//    format_version this isocheck reads; every later record an Event or a
//    Fault;
//  - a file cut inside its last record (a writer killed mid-write: the
//    length prefix or body runs past the end of file, and what is there is
//    consistent with a cut, see protobuf_record_framing.h) yields every whole
//    record before the cut plus one warning naming the cut's byte offset; a
//    cut inside the header is an error;
//  - corruption before the end (a length prefix that does not match its
//    record, a malformed or oversized prefix, a record that does not parse,
//    a string field that is not UTF-8) throws LoadError naming the record
//    index, its byte offset and the field; with `salvage`, the whole records
//    before it are loaded instead and `salvaged` says what was dropped (a
//    corrupt header is an error either way);
//  - anything else that is wrong (a record with no body, a second header, an
//    unknown enum value, an event HistoryBuilder rejects) throws LoadError
//    naming the record index and its byte offset.
// Reads are not settled into list or register reads here: protobuf records
// say which they are. Two threads load: one streams the file in large
// chunks and parses records, the other builds the History from them
// (protobuf_record_batches.h); memory is the History plus one chunk and a
// few batches of parsed records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checker/history/history.h"

namespace isocheck {

// What --salvage dropped: everything from byte `from_byte` (record
// `from_record`) to the end of the file.
struct SalvagedPrefix {
  uint64_t from_record = 0;
  uint64_t from_byte = 0;
  uint64_t dropped_bytes = 0;
  std::string reason;  // the LoadError line the corruption would have thrown
};

History read_protobuf_history(const std::string& path, std::vector<std::string>& warnings);
// With `salvage` non-null, corruption before the end loads the prefix and
// fills *salvage (untouched when nothing was dropped).
History read_protobuf_history(const std::string& path, std::vector<std::string>& warnings,
                              std::optional<SalvagedPrefix>* salvage);

}  // namespace isocheck
