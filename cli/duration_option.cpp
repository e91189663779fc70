#include "cli/duration_option.h"

#include <cctype>
#include <charconv>
#include <string>

namespace isocheck::cli {
namespace {

struct Unit {
  std::string_view suffix;
  double milliseconds;
};
// Longest suffix first, so "ms" is not read as "m" followed by junk.
constexpr Unit kUnits[] = {{"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}};

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double total = 0;
  bool bare = true;
  while (!text.empty()) {
    size_t n = 0;
    while (n < text.size() && (std::isdigit(static_cast<unsigned char>(text[n])) || text[n] == '.'))
      ++n;
    if (n == 0) return std::nullopt;
    double value = 0;
    std::string number(text.substr(0, n));
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc() || end != number.data() + number.size()) return std::nullopt;
    text.remove_prefix(n);
    if (text.empty()) {
      if (!bare) return std::nullopt;  // "1m30" is ambiguous
      total += value * 1000;
      break;
    }
    bare = false;
    const Unit* unit = nullptr;
    for (const Unit& u : kUnits)
      if (text.substr(0, u.suffix.size()) == u.suffix) {
        unit = &u;
        break;
      }
    if (!unit) return std::nullopt;
    total += value * unit->milliseconds;
    text.remove_prefix(unit->suffix.size());
  }
  if (total > 1e15) return std::nullopt;
  return std::chrono::milliseconds(static_cast<int64_t>(total));
}

}  // namespace isocheck::cli
