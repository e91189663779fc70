#include "cli/duration.h"

#include <array>
#include <charconv>
#include <cstdint>

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

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  for (const DurationUnit& unit : kDurationUnits) {
    if (!text.ends_with(unit.suffix)) continue;
    std::string_view number = text.substr(0, text.size() - unit.suffix.size());
    double value = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (number.empty() || ec != std::errc() || end != number.data() + number.size() || value <= 0)
      return std::nullopt;
    return std::chrono::milliseconds(
        static_cast<int64_t>(value * static_cast<double>(unit.milliseconds)));
  }
  return std::nullopt;
}

}  // namespace isocheck::cli
