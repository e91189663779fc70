#include "runner/client/isolation_level.h"

#include <array>

namespace isocheck::runner {

namespace {

struct LevelInfo {
  IsolationLevel level;
  std::string_view name;
  const char* begin;
  const char* session;
};

constexpr std::array kLevels{
    LevelInfo{IsolationLevel::kReadUncommitted, "read-uncommitted",
              "BEGIN ISOLATION LEVEL READ UNCOMMITTED",
              "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ UNCOMMITTED"},
    LevelInfo{IsolationLevel::kReadCommitted, "read-committed",
              "BEGIN ISOLATION LEVEL READ COMMITTED",
              "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED"},
    LevelInfo{IsolationLevel::kRepeatableRead, "repeatable-read",
              "BEGIN ISOLATION LEVEL REPEATABLE READ",
              "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ"},
    LevelInfo{IsolationLevel::kSerializable, "serializable", "BEGIN ISOLATION LEVEL SERIALIZABLE",
              "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE"},
};

const LevelInfo& info(IsolationLevel level) { return kLevels[static_cast<size_t>(level)]; }

struct RequestName {
  IsolationRequest request;
  std::string_view name;
};
constexpr std::array kRequests{
    RequestName{IsolationRequest::kPerTransaction, "per-transaction"},
    RequestName{IsolationRequest::kSession, "session"},
};

}  // namespace

std::optional<IsolationLevel> parse_isolation_level(std::string_view name) {
  for (const LevelInfo& l : kLevels) {
    if (l.name == name) return l.level;
  }
  return std::nullopt;
}

const char* isolation_level_name(IsolationLevel level) { return info(level).name.data(); }

const char* begin_statement(IsolationLevel level) { return info(level).begin; }

std::optional<IsolationRequest> parse_isolation_request(std::string_view name) {
  for (const RequestName& r : kRequests)
    if (r.name == name) return r.request;
  return std::nullopt;
}

const char* begin_statement(IsolationLevel level, IsolationRequest request) {
  return request == IsolationRequest::kSession ? "BEGIN" : begin_statement(level);
}

const char* session_statement(IsolationLevel level) { return info(level).session; }

}  // namespace isocheck::runner
