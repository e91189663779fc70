#include "runner/client/isolation_level.h"

#include <array>

namespace isocheck::runner {

namespace {

struct LevelInfo {
  IsolationLevel level;
  std::string_view name;
  const char* begin;
};

constexpr std::array kLevels{
    LevelInfo{IsolationLevel::kReadUncommitted, "read-uncommitted",
              "BEGIN ISOLATION LEVEL READ UNCOMMITTED"},
    LevelInfo{IsolationLevel::kReadCommitted, "read-committed",
              "BEGIN ISOLATION LEVEL READ COMMITTED"},
    LevelInfo{IsolationLevel::kRepeatableRead, "repeatable-read",
              "BEGIN ISOLATION LEVEL REPEATABLE READ"},
    LevelInfo{IsolationLevel::kSerializable, "serializable", "BEGIN ISOLATION LEVEL SERIALIZABLE"},
};

const LevelInfo& info(IsolationLevel level) { return kLevels[static_cast<size_t>(level)]; }

}  // namespace

std::optional<IsolationLevel> parse_isolation_level(std::string_view name) {
  for (const LevelInfo& l : kLevels) {
    if (l.name == name) return l.level;
  }
  return std::nullopt;
}

const char* isolation_level_name(IsolationLevel level) { return info(level).name.data(); }

const char* begin_statement(IsolationLevel level) { return info(level).begin; }

}  // namespace isocheck::runner
