// write_jsonl_history: writes a History as JSON lines (format in
// jsonl_history_reader.h): the header line, then one line per event in
// index order. Lossless: load_history gives back the same History. Strings
// are expected to be UTF-8 (PostgreSQL's messages are). Throws
// std::runtime_error naming the path on I/O failure.
#pragma once

#include <string>

#include "checker/history/history.h"

namespace isocheck {

void write_jsonl_history(const History& h, const std::string& path);

}  // namespace isocheck
