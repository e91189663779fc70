// TxnExecutor: runs the micro-ops of planned transactions on one connection,
// with the statements of its workload prepared once.
//
// The caller owns the transaction boundaries (BEGIN / COMMIT / ROLLBACK);
// run() only executes the mops in between and writes what they returned into
// the completion event, one proto::Mop per planned mop, in plan order, each
// with the monotonic times its statement was sent and answered (a bank
// transfer's balance check counts towards its first adjustment; one SELECT
// answering several reads gives them all its times):
//  - list-append: append = upsert-concatenate; read = the whole list (no row
//    = empty list);
//  - rw-register: write = upsert; read = the value (no row = nil);
//  - predicate: see predicate_executor.h;
//  - bank: a plan of kReadRegister mops is one SELECT of all balances; a
//    plan of two kAdjust mops is a transfer: read both balances, and when
//    the source would go below zero do nothing and return kSkipped (the
//    caller rolls back and records `fail` — the transaction certainly had no
//    effect), else apply both adjustments.
// Errors arrive as PgError (see bounded_exec.h for timeouts and stops). The
// executor holds a reference to the connection: make a new one after
// reconnecting.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "proto/history.pb.h"
#include "runner/generate/txn_plan.h"
#include "runner/pg/bounded_exec.h"
#include "runner/pg/pg_connection.h"
#include "runner/workload/txn_effect.h"
#include "runner/workload/workload_sql.h"

namespace isocheck::runner {

class PredicateExecutor;

// The message recorded for a bank transfer skipped for lack of funds.
inline constexpr const char* kTransferSkippedMessage = "transfer skipped: insufficient balance";

class TxnExecutor {
 public:
  // Prepares the workload's statements on `conn`; throws PgError.
  TxnExecutor(PgConnection& conn, Workload workload, const std::string& table,
              const WaitLimits& limits = {});
  ~TxnExecutor();

  TxnEffect run(const TxnPlan& plan, proto::Event& completion, const WaitLimits& limits);

  // Answers a plan of reads whose keys ascend with one SELECT of the whole
  // table (no row = empty list / nil): bank reads of all balances and the
  // final read of a run. Call inside a transaction.
  void read_keys(const TxnPlan& plan, proto::Event& completion, const WaitLimits& limits);

  // The message recorded for a transaction run() skipped.
  const char* skipped_message() const;

 private:
  PgResult exec(StatementRole role, std::span<const char* const> params, const WaitLimits& limits);
  void read_one(const PlannedMop& m, proto::Mop& out, const WaitLimits& limits);
  void write_one(const PlannedMop& m, const WaitLimits& limits);
  TxnEffect transfer(const TxnPlan& plan, proto::Event& completion, const WaitLimits& limits);
  void fill_read(const PgResult& r, int row, int col, proto::Mop& out) const;

  PgConnection& conn_;
  Workload workload_;
  const WorkloadSql& sql_;
  // The predicate workload runs in its own executor (predicate_executor.h).
  std::unique_ptr<PredicateExecutor> predicate_;
};

// The final read of a run: one read of every key in [0, key_count), in key
// order, of the kind `workload` reads; for the predicate workload one
// predicate read of every row.
void final_read_plan(Workload workload, int64_t key_count, TxnPlan& plan);
// The same for keys [key_low, key_end) only (list-append, rw-register).
void final_read_plan(Workload workload, int64_t key_low, int64_t key_end, TxnPlan& plan);

}  // namespace isocheck::runner
