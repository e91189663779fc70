// json_nesting: finds where a JSON text nests deeper than a limit, without
// parsing it, in one pass and constant stack.
//
// The JSON lines loader runs it on every line before nlohmann::json sees the
// line: a history's deepest legitimate value is five levels (an event, its
// value, a micro-op, its rows, a row), while a hostile line nested 70,000
// deep would overflow the stack in the recursive parts of nlohmann::json
// (dump(), used for error messages). Brackets inside strings are not
// counted; malformed text is left for the real parser to report.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace isocheck {

struct JsonNestingExcess {
  size_t offset = 0;  // of the bracket that went past the limit, in the text
  std::string key;    // the top-level object key it lies under ("" if none)
};

std::optional<JsonNestingExcess> find_json_nesting_excess(std::string_view text, size_t max_depth);

}  // namespace isocheck
