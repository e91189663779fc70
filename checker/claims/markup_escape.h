// markup_escape: text made safe to put inside XML or HTML, in element
// content and in double- or single-quoted attribute values alike.
//
// Escapes & < > " ' and replaces what XML 1.0 cannot carry at all (control
// characters other than tab, newline and carriage return, and bytes that
// are not valid UTF-8) with U+FFFD, so a server error message or a hostile
// value can never break the document.
#pragma once

#include <string>
#include <string_view>

namespace isocheck {

std::string markup_escape(std::string_view text);

}  // namespace isocheck
