// Bounded statement execution: prepared and simple statements whose wait for
// the server is cut short by a client-side deadline or a stop flag.
//
// PgConnection::exec blocks for as long as the server takes; a client of a
// test run must not (a partitioned or frozen server would hang the run, and
// SIGINT must end it promptly). These functions send the statement, then
// poll the socket, re-checking the deadline and the stop flag at least every
// 50 ms. When either fires they give up with a PgError whose
// `connection_lost()` is true — the connection is mid-statement and must be
// discarded — and whose `abandon_reason()` says why. Parameters are passed as
// text, by pointer, so the hot path allocates nothing beyond libpq's result.
// The waits go through blocking_wait.h: on a fiber they suspend only that
// fiber. A connection in non-blocking mode (PgConnection sets it) has the
// rest of a statement libpq could not send at once flushed as the socket
// allows, under the same deadline.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <span>

#include "runner/pg/pg_connection.h"

namespace isocheck::runner {

// Why a bounded wait gave up. kNone: the server answered (or the connection
// failed on its own).
enum class AbandonReason { kNone, kTimeout, kStopped };

// A PgError raised by a bounded wait that gave up.
class AbandonedWait : public PgError {
 public:
  AbandonedWait(std::string message, AbandonReason reason)
      : PgError(std::move(message), "", true), reason_(reason) {}
  AbandonReason abandon_reason() const { return reason_; }

 private:
  AbandonReason reason_;
};

struct WaitLimits {
  // Client-side timeout for one statement; zero means none.
  std::chrono::milliseconds timeout{0};
  // Polled while waiting; nullptr means never stop.
  const std::atomic<bool>* stop = nullptr;
};

// Prepares `sql` as statement `name` with `n_params` text parameters (the
// server may wait for a table lock to do so). Throws as below.
void prepare_statement(PgConnection& conn, const char* name, const char* sql, int n_params,
                       const WaitLimits& limits);

// Runs prepared statement `name`. Throws PgError (AbandonedWait on timeout
// or stop).
PgResult exec_prepared_bounded(PgConnection& conn, const char* name,
                               std::span<const char* const> params, const WaitLimits& limits);

// Runs `sql` with the simple protocol (BEGIN, COMMIT ...). Throws as above.
PgResult exec_bounded(PgConnection& conn, const char* sql, const WaitLimits& limits);

// For driving several connections in a chosen interleaving (replay): sends
// `sql` without waiting, then answer_within() waits up to `wait` for its
// answer — nullopt while the statement still runs (waiting for a lock, say),
// so the caller can go on with other connections and ask again later.
// Errors throw PgError as above; a statement that has not answered must be
// asked again before the connection sends anything else.
void send_statement(PgConnection& conn, const char* sql);
std::optional<PgResult> answer_within(PgConnection& conn, std::chrono::milliseconds wait);

}  // namespace isocheck::runner
