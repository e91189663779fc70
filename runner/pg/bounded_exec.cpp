#include "runner/pg/bounded_exec.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <string>

#include "runner/fiber/blocking_wait.h"
#include "runner/pg/result_check.h"

namespace isocheck::runner {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kStopPollInterval{50};

[[noreturn]] void throw_connection_error(PGconn* c, const char* what) {
  // Failing to send or read leaves the protocol state unknown: the
  // connection is unusable whatever PQstatus says.
  throw PgError(std::string(what) + ": " + first_line(PQerrorMessage(c)), "", true);
}

// What await_result does when the client-side timeout passes first.
enum class OnTimeout { kAbandon, kReturnNothing };

// Waits for the statement just sent and returns its result; the first
// error result wins when there are several. With kReturnNothing a timeout
// returns nullopt and leaves the statement running, to be awaited again.
std::optional<PgResult> await_result(PGconn* c, const WaitLimits& limits,
                                     OnTimeout on_timeout = OnTimeout::kAbandon) {
  const bool bounded = limits.timeout.count() > 0;
  const Clock::time_point deadline = bounded ? Clock::now() + limits.timeout : Clock::time_point{};
  PGresult* kept = nullptr;
  auto keep = [&](PGresult* r) {
    ExecStatusType s = PQresultStatus(r);
    bool is_error = s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK;
    bool kept_error =
        kept && PQresultStatus(kept) != PGRES_COMMAND_OK && PQresultStatus(kept) != PGRES_TUPLES_OK;
    if (!kept || (is_error && !kept_error)) {
      if (kept) PQclear(kept);
      kept = r;
    } else {
      PQclear(r);
    }
  };
  const int sock = PQsocket(c);
  // A non-blocking connection may not have sent the whole statement yet.
  bool sent = false;
  while (true) {
    if (!sent) {
      int left_to_send = PQflush(c);
      if (left_to_send < 0) {
        if (kept) PQclear(kept);
        throw_connection_error(c, "cannot send");
      }
      sent = left_to_send == 0;
    }
    while (sent && !PQisBusy(c)) {
      PGresult* r = PQgetResult(c);
      if (!r) {
        if (!kept && PQstatus(c) != CONNECTION_OK) throw_connection_error(c, "connection lost");
        return checked_result(c, kept);
      }
      keep(r);
    }
    std::chrono::milliseconds wait = kStopPollInterval;
    if (bounded) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        if (on_timeout == OnTimeout::kReturnNothing && !kept) return std::nullopt;
        if (kept) PQclear(kept);
        throw AbandonedWait("client timeout after " + std::to_string(limits.timeout.count()) +
                                " ms waiting for the server",
                            AbandonReason::kTimeout);
      }
      wait = std::min(wait, left);
    }
    if (limits.stop && limits.stop->load(std::memory_order_relaxed)) {
      if (kept) PQclear(kept);
      throw AbandonedWait("run stopped while waiting for the server", AbandonReason::kStopped);
    }
    // Reading while the statement is still being sent keeps a server that
    // answers early (an error) from blocking both sides.
    int revents = wait_for_socket(sock, sent ? POLLIN : POLLIN | POLLOUT, Clock::now() + wait);
    if (revents < 0) {
      if (kept) PQclear(kept);
      throw_connection_error(c, "poll failed");
    }
    if ((revents & ~POLLOUT) != 0 && !PQconsumeInput(c)) {
      if (kept) PQclear(kept);
      throw_connection_error(c, "connection lost");
    }
  }
}

}  // namespace

void prepare_statement(PgConnection& conn, const char* name, const char* sql, int n_params,
                       const WaitLimits& limits) {
  if (conn.unnamed_statements()) {
    conn.remember_statement(name, sql);
    return;
  }
  PGconn* c = conn.get();
  if (!PQsendPrepare(c, name, sql, n_params, nullptr)) throw_connection_error(c, "cannot send");
  await_result(c, limits);
}

PgResult exec_prepared_bounded(PgConnection& conn, const char* name,
                               std::span<const char* const> params, const WaitLimits& limits) {
  PGconn* c = conn.get();
  if (conn.unnamed_statements()) {
    const std::string* sql = conn.remembered_statement(name);
    if (!sql) throw PgError(std::string("statement ") + name + " was never prepared", "", false);
    if (!PQsendQueryParams(c, sql->c_str(), static_cast<int>(params.size()), nullptr, params.data(),
                           nullptr, nullptr, 0)) {
      throw_connection_error(c, "cannot send");
    }
    return *await_result(c, limits);
  }
  if (!PQsendQueryPrepared(c, name, static_cast<int>(params.size()), params.data(), nullptr,
                           nullptr, 0)) {
    throw_connection_error(c, "cannot send");
  }
  return *await_result(c, limits);
}

PgResult exec_bounded(PgConnection& conn, const char* sql, const WaitLimits& limits) {
  PGconn* c = conn.get();
  if (!PQsendQuery(c, sql)) throw_connection_error(c, "cannot send");
  return *await_result(c, limits);
}

void send_statement(PgConnection& conn, const char* sql) {
  PGconn* c = conn.get();
  if (!PQsendQuery(c, sql)) throw_connection_error(c, "cannot send");
}

std::optional<PgResult> answer_within(PgConnection& conn, std::chrono::milliseconds wait) {
  return await_result(conn.get(),
                      WaitLimits{.timeout = std::max(wait, std::chrono::milliseconds(1))},
                      OnTimeout::kReturnNothing);
}

}  // namespace isocheck::runner
