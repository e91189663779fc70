// witness_statements: the statements a witness's transactions ran — BEGIN,
// one per micro-op, COMMIT or ROLLBACK — as SQL with literal parameters and
// the answer each got, interleaved in the order the server answered them.
//
// The one description of "what ran" behind both the SQL text of a witness
// (sql_witness.h, for people and bug reports) and `isocheck replay` (which
// drives the same statements against a server again).
//
// Order: with statement times for every transaction (format version 2
// protobuf histories, see recorded_events.h) by the time each answer
// arrived; a statement whose time is unknown (a failed transaction keeps no
// per-statement times) sorts at its transaction's end. Without times the
// transactions follow one another in invocation order and `timed` is false.
// SQL comes from the history header (Header.statements); without it a
// micro-op's `sql` is empty.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "checker/anomaly/anomaly.h"
#include "checker/formats/recorded_events.h"
#include "checker/history/history.h"

namespace isocheck {

enum class StatementRoleInTxn : uint8_t { kBegin, kMop, kCommit, kRollback };

struct WitnessStatement {
  uint32_t txn = 0;
  StatementRoleInTxn role = StatementRoleInTxn::kMop;
  const Mop* mop = nullptr;  // kMop only
  std::string sql;           // literal parameters; empty when the history has no SQL
  // What the server answered as recorded: a read's rows as PostgreSQL
  // prints them ("{1,2}", "7", "(no row)"; the predicate workload's rows as
  // "(k,v,grp) (k,v,grp)", the row an update or delete found likewise, an
  // aggregate as its number), "committed", "ERROR ..."; empty for other
  // writes and BEGIN.
  std::string answer;
  int64_t sent_ns = 0;      // 0 = unknown
  int64_t answered_ns = 0;  // 0 = unknown
};

struct WitnessStatements {
  bool timed = false;
  std::vector<uint32_t> txns;  // ascending
  std::vector<WitnessStatement> statements;
};

WitnessStatements witness_statements(const History& h, const Anomaly& a,
                                     const RecordedEvents& events);

// How PostgreSQL prints a read's answer, as recorded.
std::string read_answer_text(const History& h, const Mop& m);

// The completion indices of the witness's transactions that completed: what
// to ask read_recorded_events for.
std::set<uint64_t> witness_completion_indices(const History& h, const Anomaly& a);

}  // namespace isocheck
