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

// How a client asks for its level: with every BEGIN (isocheck's default),
// or once per connection with a session-level SET and plain BEGINs after
// it, as many applications and drivers do — which a transaction-pooling
// PgBouncer loses (the SET stays on the server connection it ran on).
enum class IsolationRequest { kPerTransaction, kSession };

// "per-transaction", "session"; nullopt for anything else.
std::optional<IsolationRequest> parse_isolation_request(std::string_view name);
// The BEGIN a client sends: begin_statement(level), or "BEGIN" for kSession.
const char* begin_statement(IsolationLevel level, IsolationRequest request);
// e.g. "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE"
const char* session_statement(IsolationLevel level);

}  // namespace isocheck::runner
