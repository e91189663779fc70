// read_jsonl_history: loads a history written as JSON lines.
//
// The format (one JSON object per line; blank lines are ignored):
//
//   {"header": {"magic": "isocheck-history", "format_version": 1,
//               "workload": "list-append", "isolation": "serializable",
//               "database_version": "...", "settings": {"name": "value"},
//               "seed": 7, "tool_version": "0.1.0", "start_unix_ns": 0,
//               "bank_accounts": 0, "bank_total": 0}}
//   {"index": 0, "process": 0, "type": "invoke", "time": 123,
//    "value": [["append", 1, 2], ["r", 1, null]]}
//   {"index": 1, "process": 0, "type": "ok", "time": 456,
//    "value": [["append", 1, 2], ["r", 1, [2]]]}
//   {"index": 2, "process": 1, "type": "fail", "time": 789, "value": [["w", 3, 4]],
//    "error": {"sqlstate": "40001", "message": "could not serialize"}}
//
//  - The header line is optional and only allowed first; it has the fields
//    of proto::Header in snake_case, all optional, but magic and
//    format_version must be right when present.
//  - Events: "process" (integer) and "type" ("invoke" | "ok" | "fail" |
//    "info") are required. "index" defaults to the event's ordinal, "time"
//    (nanoseconds) to the previous event's, "value" to no micro-ops.
//    "error" is {"sqlstate": s, "message": m} (either optional) or a
//    string (the message). "final_read": true marks a read taken after the
//    run. Other fields are ignored.
//  - Micro-ops: ["append", k, v], ["w", k, v], ["adjust", k, v] and reads
//    ["r", k, result]: result an array of integers (list read), an integer
//    (register read), null (nil: an empty list or an unset register,
//    settled by load_history once the workload is known), or absent
//    (["r", k]: the result is unknown). Keys and values are integers.
//  - "f", when present, must be "txn", as EDN's :f must be :txn.
//  - Limits, far above anything a history holds: a line may be at most
//    kMaxJsonlLineBytes (64 MiB) long and nest at most kMaxJsonlNesting (32)
//    levels deep; past them the load fails with one line naming the line.
//  - Malformed JSON, a cut last line and fields of the wrong type throw
//    LoadError naming the line and the field (e.g. "value[1][2]").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "checker/history/history.h"

namespace isocheck {

inline constexpr size_t kMaxJsonlLineBytes = size_t{64} << 20;
inline constexpr size_t kMaxJsonlNesting = 32;

History read_jsonl_history(const std::string& path, std::vector<std::string>& warnings);

}  // namespace isocheck
