#include "checker/report/witness_statements.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <tuple>

#include "checker/history/statement_names.h"

namespace isocheck {
namespace {

// `sql` with $1, $2 ... replaced by the literals `params`.
std::string with_literals(std::string_view sql, std::span<const int64_t> params) {
  std::string out;
  for (size_t i = 0; i < sql.size(); ++i) {
    const size_t n = i + 1 < sql.size() ? static_cast<size_t>(sql[i + 1] - '1') : SIZE_MAX;
    if (sql[i] == '$' && n < params.size()) {
      out += std::to_string(params[n]);
      ++i;
    } else {
      out += sql[i];
    }
  }
  return out;
}

class StatementCollector {
 public:
  StatementCollector(const History& h, const RecordedEvents& events) : h_(h), events_(events) {}

  const proto::Event* recorded(uint32_t id) const {
    const Txn& t = h_.txns[id];
    if (!t.completed()) return nullptr;
    auto it = events_.find(t.complete_index);
    return it == events_.end() ? nullptr : &it->second;
  }

  void add_txn(uint32_t id, bool timed, std::vector<WitnessStatement>& out) {
    const Txn& t = h_.txns[id];
    const proto::Event* e = timed ? recorded(id) : nullptr;
    std::string begin = statement(kBeginStatement);
    out.push_back({id, StatementRoleInTxn::kBegin, nullptr, begin.empty() ? "BEGIN" : begin, "",
                   e ? e->begin_sent_ns() : 0, e ? e->begin_received_ns() : 0});
    std::span<const Mop> mops = h_.mops_of(t);
    bool mop_times = e && e->mops_size() == static_cast<int>(mops.size());
    for (size_t i = 0; i < mops.size(); ++i) {
      const Mop& m = mops[i];
      std::string sql = mop_sql(t, m);
      const proto::Mop* pm = mop_times ? &e->mops(static_cast<int>(i)) : nullptr;
      out.push_back({id, StatementRoleInTxn::kMop, &m, std::move(sql),
                     m.returns_rows() ? read_answer_text(h_, m) : "", pm ? pm->sent_ns() : 0,
                     pm ? pm->received_ns() : 0});
    }
    add_end(id, e, out);
  }

 private:
  // Empty when the history does not record the statement.
  std::string mop_sql(const Txn& t, const Mop& m) const {
    if (is_row_mop_kind(m.kind)) {
      const RowMopStatement s = row_mop_statement(h_, m);
      const std::span<const int64_t> params(s.params.data(), static_cast<size_t>(s.param_count));
      std::string sql = statement(s.name);
      if (sql.empty()) return "";
      sql = with_literals(sql, params);
      if (s.then.empty()) return sql;
      // An update locks and reads its row, then writes it.
      std::string then = statement(s.then);
      return then.empty() ? "" : sql + "; " + with_literals(then, params);
    }
    MopStatement s = mop_statement(h_.header.workload, m.kind, t.final_read);
    std::string sql = statement(s.name);
    const int64_t params[] = {m.key, s.binds_value ? m.value : 0};
    return sql.empty() ? "" : with_literals(sql, params);
  }

  std::string statement(std::string_view name) const {
    auto it = h_.header.statements.find(std::string(name));
    return it == h_.header.statements.end() ? "" : it->second;
  }

  void add_end(uint32_t id, const proto::Event* e, std::vector<WitnessStatement>& out) const {
    const Txn& t = h_.txns[id];
    const TxnError& err = h_.error_of(t);
    std::string why =
        fmt::format("{}{}{}", err.sqlstate, err.sqlstate.empty() ? "" : ": ", err.message);
    int64_t commit_sent = e ? e->commit_sent_ns() : 0;
    int64_t end = e && t.completed() ? t.complete_ns : 0;
    switch (t.status) {
      case TxnStatus::kOk:
        out.push_back(
            {id, StatementRoleInTxn::kCommit, nullptr, "COMMIT", "committed", commit_sent, end});
        return;
      case TxnStatus::kFail:
        if (commit_sent != 0 || !e)
          out.push_back({id, StatementRoleInTxn::kCommit, nullptr, "COMMIT", "ERROR " + why,
                         commit_sent, end});
        else
          out.push_back({id, StatementRoleInTxn::kRollback, nullptr, "ROLLBACK",
                         "after ERROR " + why, end, end});
        return;
      case TxnStatus::kInfo:
        out.push_back({id, StatementRoleInTxn::kCommit, nullptr, "COMMIT",
                       "no answer, outcome unknown: " + why, commit_sent, 0});
        return;
    }
  }

  const History& h_;
  const RecordedEvents& events_;
};

}  // namespace

std::string read_answer_text(const History& h, const Mop& m) {
  if (!m.has_result) return "answer not recorded";
  if (m.kind == MopKind::kPredicateRead && h.row_mop_of(m).aggregate != Aggregate::kRows)
    return std::to_string(m.value);
  if (is_row_mop_kind(m.kind)) {
    std::vector<std::string> rows;
    for (const Row& r : h.rows_of(m))
      rows.push_back(fmt::format("({},{},{})", r.key, r.value, r.group));
    return rows.empty() ? "(no row)" : fmt::format("{}", fmt::join(rows, " "));
  }
  if (m.kind == MopKind::kReadList)
    return m.list_size == 0 ? "(no row)" : fmt::format("{{{}}}", fmt::join(h.list_of(m), ","));
  return m.is_nil ? "(no row)" : std::to_string(m.value);
}

WitnessStatements witness_statements(const History& h, const Anomaly& a,
                                     const RecordedEvents& events) {
  WitnessStatements out;
  out.txns = a.txns;
  std::sort(out.txns.begin(), out.txns.end());
  out.txns.erase(std::unique(out.txns.begin(), out.txns.end()), out.txns.end());
  StatementCollector collector(h, events);
  out.timed = !out.txns.empty();
  for (uint32_t id : out.txns) {
    const proto::Event* e = collector.recorded(id);
    out.timed = out.timed && e && e->begin_sent_ns() != 0;
  }
  for (uint32_t id : out.txns) collector.add_txn(id, out.timed, out.statements);
  if (!out.timed) return out;  // already in invocation order, each transaction whole
  // Sort by answer time; a statement without one sorts at its transaction's end.
  std::vector<std::tuple<int64_t, uint32_t, size_t>> keys;
  size_t position = 0;
  uint32_t previous = UINT32_MAX;
  for (const WitnessStatement& s : out.statements) {
    if (s.txn != previous) position = 0;
    previous = s.txn;
    const Txn& t = h.txns[s.txn];
    int64_t at = s.answered_ns != 0 ? s.answered_ns : t.completed() ? t.complete_ns : INT64_MAX;
    keys.emplace_back(at, s.txn, position++);
  }
  std::vector<size_t> order(out.statements.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return keys[x] < keys[y]; });
  std::vector<WitnessStatement> sorted;
  sorted.reserve(order.size());
  for (size_t i : order) sorted.push_back(std::move(out.statements[i]));
  out.statements = std::move(sorted);
  return out;
}

std::set<uint64_t> witness_completion_indices(const History& h, const Anomaly& a) {
  std::set<uint64_t> out;
  for (uint32_t id : a.txns)
    if (h.txns[id].completed()) out.insert(h.txns[id].complete_index);
  return out;
}

}  // namespace isocheck
