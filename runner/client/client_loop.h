// run_clients: the client loop of `isocheck run` — C logical clients in this
// OS process, each with its own connection, running generated transactions
// as BEGIN ISOLATION LEVEL ...; micro-ops; COMMIT until `stop`.
//
// Threads: the clients are spread round-robin over `threads` OS threads;
// on each, every client is a fiber (runner/fiber/fiber_scheduler.h) whose
// code stays sequential, and the thread poll()s the sockets of all its
// clients at once when none can go on — several connections per thread,
// as pgbench -j does, instead of one sleeping thread per connection. Every
// wait of a client (statements, connecting, reconnect backoff, the epoch
// barrier) suspends only its fiber (runner/fiber/blocking_wait.h), so a
// client stuck on a frozen server never holds up the others on its thread.
// With `threads` equal to `clients` each thread runs one client.
//
// Recording: the invocation is recorded before BEGIN is sent and the
// completion after COMMIT returns, so each recorded interval contains the
// real one. Outcomes:
//  - ok: COMMIT succeeded; the completion carries every read's result.
//  - fail: any error before COMMIT was sent (40001 / 40P01, a constraint,
//    a server-side statement timeout, even a lost connection: without COMMIT
//    nothing can have committed), an error class 40 answer to COMMIT itself,
//    or a bank transfer skipped for lack of funds (rolled back, message
//    kTransferSkippedMessage). SQLSTATE and message are recorded; the
//    transaction is rolled back.
//  - info: the connection was lost or the client timed out after COMMIT was
//    sent, COMMIT failed otherwise, or the transaction was still in flight
//    when the stop's grace period ran out. The logical process is then
//    retired: its
//    slot continues under a new process id on a new connection.
// Server notices that arrived during a failed transaction (e.g. the FATAL a
// terminated or shut-down backend sends) are appended to the failure's
// message as "[server: ...]" instead of going to stderr.
// Process ids: slot s (0-based across all workers) of a run with
// `total_slots` slots uses s, s + total_slots, s + 2 * total_slots ... so
// forked workers never collide and ids are never reused.
// `retry`: a transaction failed by 40001 / 40P01 runs again, up to `retry`
// more times, as a new operation with fresh written values.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

#include "runner/client/epoch_barrier.h"
#include "runner/client/isolation_level.h"
#include "runner/generate/txn_generator.h"
#include "runner/progress/progress_display.h"
#include "runner/record/history_recorder.h"

namespace isocheck::runner {

struct ClientLoopOptions {
  std::string conninfo;
  Workload workload = Workload::kListAppend;
  std::string table;
  IsolationLevel isolation = IsolationLevel::kSerializable;
  int clients = 1;         // logical clients in this process
  int threads = 1;         // OS threads they run on; at most `clients`
  int64_t first_slot = 0;  // global slot of this process's first client
  int64_t total_slots = 1;
  int retry = 0;
  // Server-side statement_timeout; the client gives up waiting after twice
  // this plus a second, so the server normally cancels first. 0 = none.
  std::chrono::milliseconds statement_timeout{10'000};
  // Bounds each (re)connection attempt; attempts back off from 20 ms to 1 s.
  std::chrono::seconds connect_timeout{5};
  // Once `stop` is set no transaction starts, and those in flight get this
  // long to finish before they are abandoned (and recorded as info): every
  // indeterminate outcome weakens the check, so a healthy run should have
  // none. Zero abandons them at once.
  std::chrono::milliseconds stop_grace{5'000};
  // Every client connection's application_name (the nemesis's `terminate`
  // finds the run's backends by it); empty: the conninfo's.
  std::string application_name;
  // Statements are sent whole, unnamed, instead of prepared once per
  // connection (PgConnection::use_unnamed_statements): for a pooler that
  // gives each transaction another server connection.
  bool unnamed_statements = false;
  // How each client asks for `isolation` (isolation_level.h). Either way,
  // every (re)connection records the level its transactions really get as
  // a Session record: `SHOW transaction_isolation` inside a transaction
  // begun the way the client begins its own.
  IsolationRequest isolation_request = IsolationRequest::kPerTransaction;
  // Counts each completion when set; must outlive run_clients.
  ProgressDisplay* progress = nullptr;
  // When set, every client passes it between two transactions (epochs,
  // epoch_barrier.h); must outlive run_clients.
  EpochBarrier* epochs = nullptr;
};

struct ClientCounts {
  uint64_t ok = 0, fail = 0, info = 0;
  // The highest process generation any slot reached (ids are generation *
  // total_slots + slot); a final reader picks an id above all of them.
  int64_t max_generation = 0;
};

// Runs until `stop` becomes true, then returns once every client thread has
// recorded its last completion (at most `stop_grace` later, plus the time to
// record). `generator` is shared by the clients (calls
// are serialized internally). Throws only when the recorder fails.
ClientCounts run_clients(const ClientLoopOptions& options, TxnGenerator& generator,
                         HistoryRecorder& recorder, const std::atomic<bool>& stop);

}  // namespace isocheck::runner
