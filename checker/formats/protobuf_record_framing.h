// protobuf_record_framing: the length-delimited framing of a protobuf
// history (a varint length, then a proto::Record), and how a record cut by
// the end of the file is told from a corrupt length prefix.
//
// A writer killed mid-write leaves its last record short: the length prefix
// promises more bytes than the file has. A length prefix damaged in the
// middle of a file looks the same from the prefix alone, so the record's own
// first field decides: every writer puts exactly one field (header, event,
// fault or epoch; field numbers 1-4, length-delimited) in a Record, so that
// field's tag and length must fill the promised length exactly. A cut
// record that is too short to show its first field's length is taken as a
// cut: it hides at most a few bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace isocheck {

enum class VarintStatus { kOk, kCut, kMalformed };

// Reads a varint from [p, end), advancing p past it.
VarintStatus read_varint(const char*& p, const char* end, uint64_t& out);

// For a record whose length prefix promises `size` bytes of which
// [body, end) exist (all of them, or fewer when the file ends first):
// nullopt when that is consistent with one whole field (or, when short,
// with a cut last record), else why the prefix must be corrupt (one phrase,
// for a LoadError). A whole record that parses can still be corrupt: a
// prefix too long by a few bytes swallows the next record, which protobuf
// parses as a second field.
std::optional<std::string> record_framing_problem(const char* body, const char* end, uint64_t size);

}  // namespace isocheck
