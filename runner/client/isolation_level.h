// IsolationLevel: the four levels a run can ask PostgreSQL for, with the
// names used on the command line and in history headers, and the BEGIN
// statement that asks for each.
#pragma once

#include <optional>
#include <string_view>

namespace isocheck::runner {

enum class IsolationLevel { kReadUncommitted, kReadCommitted, kRepeatableRead, kSerializable };

// "read-uncommitted", "read-committed", "repeatable-read", "serializable";
// nullopt for anything else.
std::optional<IsolationLevel> parse_isolation_level(std::string_view name);
const char* isolation_level_name(IsolationLevel level);
// e.g. "BEGIN ISOLATION LEVEL SERIALIZABLE"
const char* begin_statement(IsolationLevel level);

}  // namespace isocheck::runner
