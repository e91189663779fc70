// Jepsen's and Elle's names for event types ("invoke", "ok", "fail",
// "info") and micro-op functions ("append", "r", "w", "adjust"; and
// isocheck's predicate-workload "rp", "insert", "delete", "update",
// "r-row", see row_mop_text.h), in one
// table shared by the EDN and JSON-lines readers and writers (EDN writes
// them as keywords, with a leading ':').
#pragma once

#include <optional>
#include <string_view>

#include "checker/history/history.h"
#include "checker/history/history_builder.h"

namespace isocheck {

std::optional<EventType> parse_event_type(std::string_view name);
// "r" parses as kReadRegister: whether a read is of a list or a register is
// settled once the workload is known (settle_read_kinds.h).
std::optional<MopKind> parse_mop_function(std::string_view name);
// Both read kinds are "r".
std::string_view mop_function_name(MopKind kind);

}  // namespace isocheck
