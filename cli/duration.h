// Durations on the command line: "30s", "2m", "1h", "500ms", or a bare
// number of seconds (fractions allowed), from 1 ms up to kMaxDuration.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace isocheck::cli {

// Far beyond any run, and far below where steady_clock::now() + duration
// would overflow.
inline constexpr std::chrono::hours kMaxDuration{100'000};

// nullopt when malformed, not positive (below 1 ms) or above kMaxDuration.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// Why parse_duration rejects `text`, for "--flag: <this>": "must be
// positive, got '0s'", "too large (at most 100000h), got '...'" or
// "expected e.g. 30s, 2m or 500ms, got '...'"; "" when it accepts it.
std::string duration_problem(std::string_view text);

}  // namespace isocheck::cli
