// Durations on the command line: "30s", "2m", "1h", "500ms", or a bare
// number of seconds (fractions allowed).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace isocheck::cli {

// nullopt when malformed or not positive.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace isocheck::cli
