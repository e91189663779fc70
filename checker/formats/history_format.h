// HistoryFormat: the on-disk history formats isocheck reads and writes, and
// how a file's format is recognised.
//
//  - kProtobuf:  length-delimited proto::Record stream (proto/history.proto);
//                isocheck's native format, written by the runner.
//  - kJsonLines: one JSON object per line (see jsonl_history_reader.h).
//  - kEdn:       Jepsen's history.edn, one op map per line
//                (see edn_history_reader.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace isocheck {

enum class HistoryFormat { kProtobuf, kJsonLines, kEdn };

// "protobuf", "jsonl", "edn".
const char* format_name(HistoryFormat f);
// Parses the names above (and "pb", "json", "jsonlines" as aliases);
// nullopt for anything else.
std::optional<HistoryFormat> parse_format(std::string_view name);

// Recognises the format of the file at `path`, by content first:
//  - protobuf: a varint length, then a Record whose field 1 (a Header) is
//    length-delimited and fits in that length;
//  - EDN: after optional whitespace, "{:" or "{ :" or "#";
//  - JSON lines: after optional whitespace, "{\"".
// When the content says nothing, falls back to the extension (.pb, .jsonl /
// .json, .edn). Throws LoadError if the file cannot be opened, is empty, or
// matches neither.
HistoryFormat detect_format(const std::string& path);

// The same decision on the first bytes of a file (at least 64 when the file
// has them) and its path; nullopt when neither content nor extension tells.
std::optional<HistoryFormat> detect_format_of(std::string_view head, std::string_view path);

}  // namespace isocheck
