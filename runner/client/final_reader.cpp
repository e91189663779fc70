#include "runner/client/final_reader.h"

#include <algorithm>
#include <optional>

#include "runner/pg/bounded_exec.h"
#include "runner/pg/pg_connection.h"
#include "runner/workload/mop_encoding.h"
#include "runner/workload/txn_executor.h"

namespace isocheck::runner {
namespace {

// A final read may read every key at once: it may take longer than one of
// the clients' statements, but never forever.
constexpr std::chrono::seconds kMinFinalReadDeadline{60};

}  // namespace

struct FinalReader::Session {
  explicit Session(const ClientLoopOptions& options)
      : conn(options.conninfo, options.connect_timeout, options.application_name) {
    if (options.unnamed_statements) conn.use_unnamed_statements();
    executor.emplace(conn, options.workload, options.table);
  }
  PgConnection conn;
  std::optional<TxnExecutor> executor;
};

FinalReader::FinalReader(const ClientLoopOptions& options, HistoryRecorder& recorder)
    : options_(options), recorder_(recorder) {}

FinalReader::~FinalReader() = default;

void FinalReader::read_all(int64_t key_count, int64_t process) { read(0, key_count, process); }

void FinalReader::read_range(int64_t key_low, int64_t key_end, int64_t process) {
  read(key_low, key_end, process);
}

void FinalReader::read(int64_t key_low, int64_t key_end, int64_t process) {
  if (!session_) session_ = std::make_unique<Session>(options_);
  TxnPlan plan;
  if (key_low == 0)
    final_read_plan(options_.workload, key_end, plan);  // the predicate workload: every row
  else
    final_read_plan(options_.workload, key_low, key_end, plan);
  proto::Event invoke, completion;
  invoke.set_process(process);
  invoke.set_type(proto::Event::INVOKE);
  invoke.set_final_read(true);
  set_planned_mops(plan, invoke);
  recorder_.record(invoke);
  WaitLimits limits;
  limits.timeout = std::max(options_.statement_timeout * 2 + std::chrono::seconds(1),
                            std::chrono::milliseconds(kMinFinalReadDeadline));
  try {
    exec_bounded(session_->conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", limits);
    session_->executor->read_keys(plan, completion, limits);
    exec_bounded(session_->conn, "COMMIT", limits);
  } catch (const std::exception& e) {
    session_.reset();
    completion.Clear();
    completion.set_process(process);
    completion.set_type(proto::Event::FAIL);
    completion.set_final_read(true);
    completion.set_message(e.what());
    recorder_.record(completion);
    throw;
  }
  completion.set_process(process);
  completion.set_type(proto::Event::OK);
  completion.set_final_read(true);
  recorder_.record(completion);
}

}  // namespace isocheck::runner
