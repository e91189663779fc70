// is_valid_utf8: whether text is well-formed UTF-8 (no overlong forms, no
// surrogates, nothing above U+10FFFF).
//
// Every format keeps the same rule for text fields (error messages, the
// header's strings): protobuf requires UTF-8 in its strings and JSON text is
// UTF-8, so the EDN reader refuses other bytes too, and a history that loads
// in one format can always be written to and read back from the others.
#pragma once

#include <string_view>

namespace isocheck {

bool is_valid_utf8(std::string_view text);

}  // namespace isocheck
