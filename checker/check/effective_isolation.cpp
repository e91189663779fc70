#include "checker/check/effective_isolation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace isocheck {
namespace {

// The header says "repeatable-read", the server "repeatable read".
std::string normalized(std::string level) {
  std::replace(level.begin(), level.end(), ' ', '-');
  std::transform(level.begin(), level.end(), level.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return level;
}

}  // namespace

std::optional<std::string> effective_isolation_problem(const History& h) {
  if (h.sessions.empty() || h.header.isolation.empty()) return std::nullopt;
  const std::string asked = normalized(h.header.isolation);
  std::map<std::string, size_t> other;  // the server's words -> connections
  size_t mismatched = 0;
  for (const Session& s : h.sessions) {
    if (normalized(s.level) == asked) continue;
    ++other[s.level];
    ++mismatched;
  }
  if (mismatched == 0) return std::nullopt;
  std::string levels;
  for (const auto& [level, count] : other)
    levels += fmt::format("{}{} ({})", levels.empty() ? "" : ", ", level, count);
  return fmt::format("effective isolation: {} of {} connections ran at {}, not {} as the run asked",
                     mismatched, h.sessions.size(), levels, h.header.isolation);
}

}  // namespace isocheck
