#include "checker/formats/json_nesting.h"

namespace isocheck {

std::optional<JsonNestingExcess> find_json_nesting_excess(std::string_view text, size_t max_depth) {
  size_t depth = 0;
  std::string_view last_top_string;  // at depth 1 the key a nested value belongs to
  for (size_t i = 0; i < text.size(); ++i) {
    switch (text[i]) {
      case '"': {
        size_t start = i + 1;
        ++i;
        while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
        if (depth == 1 && i <= text.size()) last_top_string = text.substr(start, i - start);
        break;
      }
      case '[':
      case '{':
        if (++depth > max_depth)
          return JsonNestingExcess{i, std::string(depth > 1 ? last_top_string : "")};
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return std::nullopt;
}

}  // namespace isocheck
