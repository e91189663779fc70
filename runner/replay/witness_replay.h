// Witness replay: drives the statements of a witness's transactions against
// a server again, each transaction on its own connection, in a chosen
// interleaving — to confirm or refute a reported anomaly deterministically.
//
// plan_replay() turns a witness (witness_statements.h) into a ReplayPlan:
// the table as recorded, the rows the witness's reads show before it ran
// (witness_state.h), and each transaction's statements. replay_once() sets
// that table up afresh (DROP / CREATE / INSERT), opens one connection per
// transaction and sends the statements in `order` (a transaction index per
// statement, BEGIN not counted: it goes out with the statement after it, as
// PostgreSQL takes a transaction's snapshot at its first statement, not at
// BEGIN — so interleavings that differ only in where BEGIN falls are one). A statement that does
// not answer within `step_wait` (it waits for a row lock, say) is left running while the others go
// on; the next statement of the same transaction first waits for it, up to `block_wait`. A
// transaction whose statement fails sends nothing more but ROLLBACK.
//
// Reproduced means: every transaction that committed in the recording
// commits again and every read gets the answer it got then — the server
// allowed the same anomaly once more. search_interleavings() tries the
// recorded order first, then every other interleaving of the transactions'
// statements (each transaction's own order kept) up to `max_orders`.
//
// Supported: list-append, rw-register and predicate histories of format
// version 2 (they record their SQL). Anything else throws ReplayError with
// one line. A predicate witness's table gets the rows its reads returned
// (witness_state.h); rows no read of it returned are not there, so a
// predicate read or an aggregate that counted them answers otherwise in
// the replay, which then says so (not reproduced, naming the statement).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "checker/report/witness_statements.h"

namespace isocheck::runner {

class ReplayError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ReplayPlan {
  std::string table;
  std::string create_table;
  std::vector<std::string> setup;  // INSERTs: the rows before the witness
  // Per transaction, its statements in its own order.
  std::vector<std::vector<WitnessStatement>> txns;
  std::vector<size_t> recorded_order;  // a transaction index per statement but BEGIN
  bool recorded_order_is_timed = false;
};

// Throws ReplayError when the history cannot be replayed.
ReplayPlan plan_replay(const History& h, const Anomaly& a, const WitnessStatements& ws,
                       const std::string& begin_override = "");

struct ReplayOptions {
  std::chrono::milliseconds step_wait{100};
  std::chrono::milliseconds block_wait{3000};
};

struct ReplayedStatement {
  size_t txn = 0;
  std::string sql;
  std::string answer;    // what the server answered now
  std::string recorded;  // what it answered in the recording ("" = not compared)
  bool differs = false;
  bool waited = false;  // answered only after later statements were sent
};

struct ReplayOutcome {
  bool reproduced = false;
  std::string why_not;  // first difference, when not reproduced
  std::vector<ReplayedStatement> statements;
};

// Throws ReplayError when the server cannot be reached or the table cannot
// be set up.
ReplayOutcome replay_once(const std::string& conninfo, const ReplayPlan& plan,
                          const std::vector<size_t>& order, const ReplayOptions& options);

struct ReplaySearch {
  ReplayOutcome recorded;  // the recorded order's outcome
  uint64_t tried = 0;
  uint64_t reproduced = 0;
  double interleavings = 0;  // how many exist
  std::optional<std::vector<size_t>> first_reproducing;
  bool interrupted = false;  // a signal ended the search early
};

ReplaySearch search_interleavings(const std::string& conninfo, const ReplayPlan& plan,
                                  uint64_t max_orders, const ReplayOptions& options);

}  // namespace isocheck::runner
