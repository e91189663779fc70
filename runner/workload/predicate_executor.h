// PredicateExecutor: runs the predicate workload's micro-ops on one
// connection, with its statements (predicate_sql.h) prepared once.
//
// Like TxnExecutor (which dispatches here), the caller owns BEGIN / COMMIT
// and run() fills the completion, one proto::Mop per planned mop in plan
// order, every returned row as (key, value, group) in key order, each with
// the times its statement was sent and answered (an update's: from its lock
// to its write):
//  - predicate read: the matching rows, or their count or sum of keys;
//  - read row: the row, or none;
//  - insert: nothing returned;
//  - update: locks and reads the row, then writes it when found; returns
//    the row it replaced, or none (and writes nothing);
//  - delete: the row deleted, or none.
// The on-call pattern is a plan of a predicate read (of rows or a count)
// whose predicate has max_rows > 0 followed by an insert into it: when the
// read finds max_rows rows or more, run() returns kSkipped before the insert (the caller rolls
// back and records `fail`, message kOnCallSkippedMessage).
#pragma once

#include <string>

#include "proto/history.pb.h"
#include "runner/generate/txn_plan.h"
#include "runner/pg/bounded_exec.h"
#include "runner/pg/pg_connection.h"
#include "runner/workload/predicate_sql.h"
#include "runner/workload/txn_effect.h"

namespace isocheck::runner {

inline constexpr const char* kOnCallSkippedMessage = "on-call insert skipped: the group is full";

class PredicateExecutor {
 public:
  // Prepares the statements on `conn`; throws PgError.
  PredicateExecutor(PgConnection& conn, const std::string& table, const WaitLimits& limits);

  TxnEffect run(const TxnPlan& plan, proto::Event& completion, const WaitLimits& limits);

 private:
  PgResult exec(PredicateStatement s, std::span<const char* const> params,
                const WaitLimits& limits);
  // Runs `s` and records the rows it returned as `out`'s result.
  void read_rows(PredicateStatement s, std::span<const char* const> params, proto::Mop& out,
                 const WaitLimits& limits);

  PgConnection& conn_;
};

}  // namespace isocheck::runner
