#include "cli/duration.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <string>

namespace isocheck::cli {
namespace {

struct DurationUnit {
  std::string_view suffix;
  int64_t milliseconds;
};
// Longest suffix first so that "ms" is not read as "m".
constexpr std::array kDurationUnits{
    DurationUnit{"ms", 1},        DurationUnit{"s", 1000}, DurationUnit{"m", 60'000},
    DurationUnit{"h", 3'600'000}, DurationUnit{"", 1000},
};

enum class Verdict { kOk, kMalformed, kNotPositive, kTooLarge };

// The value in milliseconds, as a double so that no size overflows before
// it is compared with the bounds.
Verdict read(std::string_view text, double& ms) {
  for (const DurationUnit& unit : kDurationUnits) {
    if (!text.ends_with(unit.suffix)) continue;
    std::string_view number = text.substr(0, text.size() - unit.suffix.size());
    double value = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (number.empty() || end != number.data() + number.size()) return Verdict::kMalformed;
    if (ec == std::errc::result_out_of_range) return Verdict::kTooLarge;
    if (ec != std::errc() || value != value) return Verdict::kMalformed;
    ms = value * static_cast<double>(unit.milliseconds);
    if (ms < 1) return Verdict::kNotPositive;
    if (ms > static_cast<double>(std::chrono::milliseconds(kMaxDuration).count()))
      return Verdict::kTooLarge;
    return Verdict::kOk;
  }
  return Verdict::kMalformed;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  double ms = 0;
  if (read(text, ms) != Verdict::kOk) return std::nullopt;
  return std::chrono::milliseconds(static_cast<int64_t>(ms));
}

std::string duration_problem(std::string_view text) {
  double ms = 0;
  std::string got = ", got '" + std::string(text) + "'";
  switch (read(text, ms)) {
    case Verdict::kOk:
      return "";
    case Verdict::kNotPositive:
      return "must be positive (at least 1ms)" + got;
    case Verdict::kTooLarge:
      return "too large (at most " + std::to_string(kMaxDuration.count()) + "h)" + got;
    case Verdict::kMalformed:
      break;
  }
  return "expected e.g. 30s, 2m or 500ms" + got;
}

}  // namespace isocheck::cli
