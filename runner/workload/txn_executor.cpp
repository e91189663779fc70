#include "runner/workload/txn_executor.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "runner/record/history_recorder.h"
#include "runner/workload/mop_encoding.h"
#include "runner/workload/predicate_executor.h"

namespace isocheck::runner {

namespace {

// An int64 as a NUL-terminated decimal string on the stack.
class IntText {
 public:
  explicit IntText(int64_t v) { *std::to_chars(buf_, buf_ + sizeof(buf_) - 1, v).ptr = '\0'; }
  const char* c_str() const { return buf_; }

 private:
  char buf_[24];
};

// Parses PostgreSQL's text form of a bigint[] ("{1,2,3}", "{}") into `out`.
void parse_bigint_array(std::string_view text, google::protobuf::RepeatedField<int64_t>& out) {
  if (text.size() < 2 || text.front() != '{' || text.back() != '}') {
    throw PgError("list read: expected a bigint array, got '" + std::string(text) + "'", "", false);
  }
  const char* p = text.data() + 1;
  const char* end = text.data() + text.size() - 1;
  while (p < end) {
    int64_t v = 0;
    auto [next, ec] = std::from_chars(p, end, v);
    if (ec != std::errc() || (next < end && *next != ',')) {
      throw PgError("list read: bad element in '" + std::string(text) + "'", "", false);
    }
    out.Add(v);
    p = next + 1;
  }
}

}  // namespace

TxnExecutor::TxnExecutor(PgConnection& conn, Workload workload, const std::string& table,
                         const WaitLimits& limits)
    : conn_(conn), workload_(workload), sql_(workload_sql(workload)) {
  if (workload == Workload::kPredicate)
    predicate_ = std::make_unique<PredicateExecutor>(conn, table, limits);
  for (const StatementSql& s : sql_.statements) {
    if (s.name.empty()) continue;
    prepare_statement(conn_, s.name.data(), with_table(s.sql, table).c_str(), s.params, limits);
  }
}

TxnExecutor::~TxnExecutor() = default;

const char* TxnExecutor::skipped_message() const {
  return predicate_ ? kOnCallSkippedMessage : kTransferSkippedMessage;
}

PgResult TxnExecutor::exec(StatementRole role, std::span<const char* const> params,
                           const WaitLimits& limits) {
  return exec_prepared_bounded(conn_, sql_.statement(role).name.data(), params, limits);
}

void TxnExecutor::fill_read(const PgResult& r, int row, int col, proto::Mop& out) const {
  out.set_has_result(true);
  if (workload_ == Workload::kListAppend) {
    out.set_kind(proto::Mop::READ_LIST);
    parse_bigint_array(r.text(row, col), *out.mutable_list());
  } else {
    out.set_kind(proto::Mop::READ_REGISTER);
    out.set_value(r.int64(row, col));
  }
}

void TxnExecutor::read_one(const PlannedMop& m, proto::Mop& out, const WaitLimits& limits) {
  IntText key(m.key);
  const char* params[] = {key.c_str()};
  PgResult r = exec(StatementRole::kReadOne, params, limits);
  if (r.rows() == 0) {
    out.set_has_result(true);
    out.set_is_nil(m.kind == MopKind::kReadRegister);
    return;
  }
  fill_read(r, 0, 0, out);
}

void TxnExecutor::write_one(const PlannedMop& m, const WaitLimits& limits) {
  IntText key(m.key), value(m.value);
  const char* params[] = {key.c_str(), value.c_str()};
  StatementRole role = m.kind == MopKind::kAppend ? StatementRole::kAppend : StatementRole::kWrite;
  exec(role, params, limits);
}

TxnEffect TxnExecutor::run(const TxnPlan& plan, proto::Event& completion,
                           const WaitLimits& limits) {
  if (predicate_) return predicate_->run(plan, completion, limits);
  if (workload_ == Workload::kBank) {
    set_planned_mops(plan, completion);
    if (!plan.mops.empty() && plan.mops[0].kind == MopKind::kAdjust) {
      return transfer(plan, completion, limits);
    }
    read_keys(plan, completion, limits);
    return TxnEffect::kApplied;
  }
  set_planned_mops(plan, completion);
  for (size_t i = 0; i < plan.mops.size(); ++i) {
    const PlannedMop& m = plan.mops[i];
    proto::Mop& out = *completion.mutable_mops(static_cast<int>(i));
    out.set_sent_ns(now_ns());
    if (m.kind == MopKind::kReadList || m.kind == MopKind::kReadRegister) {
      read_one(m, out, limits);
    } else {
      write_one(m, limits);
    }
    out.set_received_ns(now_ns());
  }
  return TxnEffect::kApplied;
}

TxnEffect TxnExecutor::transfer(const TxnPlan& plan, proto::Event& completion,
                                const WaitLimits& limits) {
  const PlannedMop& from = plan.mops[0];
  int64_t read_sent = now_ns();
  IntText from_key(from.key), to_key(plan.mops[1].key);
  const char* pair[] = {from_key.c_str(), to_key.c_str()};
  PgResult r = exec(StatementRole::kReadPair, pair, limits);
  bool found = false;
  for (int row = 0; row < r.rows(); ++row) {
    if (r.int64(row, 0) != from.key) continue;
    found = true;
    if (r.int64(row, 1) + from.value < 0) return TxnEffect::kSkipped;
  }
  if (!found) throw PgError("bank: account " + std::to_string(from.key) + " is missing", "", false);
  // The pair read has no mop of its own: its time is the transfer's start.
  completion.mutable_mops(0)->set_sent_ns(read_sent);
  for (size_t i = 0; i < plan.mops.size(); ++i) {
    const PlannedMop& m = plan.mops[i];
    proto::Mop& out = *completion.mutable_mops(static_cast<int>(i));
    if (i > 0) out.set_sent_ns(now_ns());
    IntText key(m.key), delta(m.value);
    const char* params[] = {key.c_str(), delta.c_str()};
    exec(StatementRole::kAdjust, params, limits);
    out.set_received_ns(now_ns());
  }
  return TxnEffect::kApplied;
}

void TxnExecutor::read_keys(const TxnPlan& plan, proto::Event& completion,
                            const WaitLimits& limits) {
  if (predicate_) {
    predicate_->run(plan, completion, limits);
    return;
  }
  set_planned_mops(plan, completion);
  int64_t sent = now_ns();
  PgResult r = exec(StatementRole::kReadAll, {}, limits);
  int64_t received = now_ns();
  // Rows come ordered by key, and so do the plan's reads: merge.
  int row = 0;
  for (size_t i = 0; i < plan.mops.size(); ++i) {
    const PlannedMop& m = plan.mops[i];
    proto::Mop& out = *completion.mutable_mops(static_cast<int>(i));
    out.set_sent_ns(sent);
    out.set_received_ns(received);
    while (row < r.rows() && r.int64(row, 0) < m.key) ++row;
    if (row < r.rows() && r.int64(row, 0) == m.key) {
      fill_read(r, row, 1, out);
    } else {
      out.set_has_result(true);
      out.set_is_nil(m.kind == MopKind::kReadRegister);
    }
  }
}

void final_read_plan(Workload workload, int64_t key_count, TxnPlan& plan) {
  plan.mops.clear();
  if (workload == Workload::kPredicate) {
    plan.mops.push_back({MopKind::kPredicateRead, 0, 0, 0, Predicate{}});
    return;
  }
  final_read_plan(workload, 0, key_count, plan);
}

void final_read_plan(Workload workload, int64_t key_low, int64_t key_end, TxnPlan& plan) {
  plan.mops.clear();
  MopKind kind = workload == Workload::kListAppend ? MopKind::kReadList : MopKind::kReadRegister;
  for (int64_t k = key_low; k < key_end; ++k) plan.mops.push_back({kind, k, 0});
}

}  // namespace isocheck::runner
