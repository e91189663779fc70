// parse_duration: the durations users type on the command line — "500ms",
// "10s", "10m", "1h", "1h30m", or a bare number of seconds ("2.5").
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace isocheck::cli {

// nullopt for anything else (empty, negative, unknown unit, trailing junk).
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace isocheck::cli
