#include "runner/workload/predicate_executor.h"

#include "runner/pg/int_text.h"
#include "runner/record/history_recorder.h"
#include "runner/workload/mop_encoding.h"
#include "runner/workload/workload_sql.h"

namespace isocheck::runner {

namespace {

const PredicateStatementSql& statement(PredicateStatement s) {
  return kPredicateStatements[static_cast<size_t>(s)];
}

}  // namespace

PredicateExecutor::PredicateExecutor(PgConnection& conn, const std::string& table,
                                     const WaitLimits& limits)
    : conn_(conn) {
  for (const PredicateStatementSql& s : kPredicateStatements)
    prepare_statement(conn_, s.name.data(), with_table(s.sql, table).c_str(), s.params, limits);
}

PgResult PredicateExecutor::exec(PredicateStatement s, std::span<const char* const> params,
                                 const WaitLimits& limits) {
  return exec_prepared_bounded(conn_, statement(s).name.data(), params, limits);
}

void PredicateExecutor::read_rows(PredicateStatement s, std::span<const char* const> params,
                                  proto::Mop& out, const WaitLimits& limits) {
  PgResult r = exec(s, params, limits);
  out.set_has_result(true);
  for (int row = 0; row < r.rows(); ++row) {
    proto::Row& o = *out.add_rows();
    o.set_key(r.int64(row, 0));
    o.set_value(r.int64(row, 1));
    o.set_group(r.int64(row, 2));
  }
}

TxnEffect PredicateExecutor::run(const TxnPlan& plan, proto::Event& completion,
                                 const WaitLimits& limits) {
  set_planned_mops(plan, completion);
  for (size_t i = 0; i < plan.mops.size(); ++i) {
    const PlannedMop& m = plan.mops[i];
    proto::Mop& out = *completion.mutable_mops(static_cast<int>(i));
    IntText key(m.key), value(m.value), group(m.group);
    const char* row_params[] = {key.c_str(), value.c_str(), group.c_str()};
    const char* key_param[] = {key.c_str()};
    // Each micro-op's statement times, for explain --sql and replay; an
    // update's cover its two statements.
    out.set_sent_ns(now_ns());
    switch (m.kind) {
      case MopKind::kPredicateRead: {
        const Predicate& p = m.predicate;
        IntText a(p.kind == PredicateKind::kKeyRange ? p.key_low : p.group), b(p.key_high);
        const char* params[] = {a.c_str(), b.c_str()};
        const PredicateStatement s = predicate_read_statement(m.aggregate, p.kind);
        const std::span<const char* const> bound(params, statement(s).params);
        int64_t found = 0;
        if (m.aggregate == Aggregate::kRows) {
          read_rows(s, bound, out, limits);
          found = out.rows_size();
        } else {
          PgResult r = exec(s, bound, limits);
          out.set_has_result(true);
          out.set_value(r.int64(0, 0));
          found = out.value();
        }
        out.set_received_ns(now_ns());
        if (p.max_rows > 0 && found >= p.max_rows) return TxnEffect::kSkipped;
        continue;
      }
      case MopKind::kReadRow:
        read_rows(PredicateStatement::kReadRow, key_param, out, limits);
        break;
      case MopKind::kInsert:
        exec(PredicateStatement::kInsert, row_params, limits);
        break;
      case MopKind::kUpdate:
        read_rows(PredicateStatement::kLockRow, key_param, out, limits);
        if (out.rows_size() > 0) exec(PredicateStatement::kUpdate, row_params, limits);
        break;
      case MopKind::kDelete:
        read_rows(PredicateStatement::kDelete, key_param, out, limits);
        break;
      default:
        throw PgError("predicate workload: a list or register micro-op in the plan", "", false);
    }
    out.set_received_ns(now_ns());
  }
  return TxnEffect::kApplied;
}

}  // namespace isocheck::runner
