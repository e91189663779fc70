#include "runner/replay/witness_replay.h"

#include <fmt/format.h>

#include <functional>
#include <memory>

#include "checker/history/statement_names.h"
#include "checker/report/witness_state.h"
#include "runner/cluster/cleanup_on_signal.h"
#include "runner/pg/bounded_exec.h"

namespace isocheck::runner {
namespace {

// The columns after the key of a row before the witness.
std::string state_literal(Workload w, const std::vector<int64_t>& values) {
  if (w == Workload::kListAppend) return fmt::format("'{{{}}}'", fmt::join(values, ","));
  return fmt::format("{}", fmt::join(values, ", "));
}

// As read_answer_text writes the recorded answers: one value as it is,
// rows of several columns as "(a,b,c) (a,b,c)".
std::string answer_text(const PgResult& r) {
  if (r.columns() == 0) return std::string(PQcmdStatus(r.get()));
  if (r.rows() == 0) return "(no row)";
  if (r.columns() == 1 && r.rows() == 1) return std::string(r.text(0, 0));
  std::vector<std::string> rows;
  for (int row = 0; row < r.rows(); ++row) {
    std::vector<std::string_view> cells;
    for (int col = 0; col < r.columns(); ++col) cells.push_back(r.text(row, col));
    rows.push_back(fmt::format("({})", fmt::join(cells, ",")));
  }
  return fmt::format("{}", fmt::join(rows, " "));
}

// One transaction's connection during a replay.
struct Session {
  std::unique_ptr<PgConnection> conn;
  size_t next = 0;                // index of its next statement
  std::optional<size_t> pending;  // index into outcome.statements, sent, unanswered
  bool failed = false;            // a statement failed: only ROLLBACK from now
  bool committed = false;
};

class Replay {
 public:
  Replay(const std::string& conninfo, const ReplayPlan& plan, const ReplayOptions& options)
      : conninfo_(conninfo), plan_(plan), options_(options) {}

  // One replay in `order`. Connections stay open from one call to the next
  // (each ends with every transaction committed or rolled back), so a
  // search over hundreds of orders does not pay for hundreds of logins.
  ReplayOutcome run(const std::vector<size_t>& order) {
    set_up_table();
    sessions_.resize(plan_.txns.size());
    for (Session& s : sessions_) {
      if (!s.conn || !s.conn->ok()) s.conn = std::make_unique<PgConnection>(conninfo_);
      s.next = 0;
      s.pending.reset();
      s.failed = s.committed = false;
    }
    outcome_ = ReplayOutcome{};
    for (size_t t : order) step(t);
    for (size_t t = 0; t < sessions_.size(); ++t) finish(t);
    judge();
    return std::move(outcome_);
  }

 private:
  void set_up_table() {
    try {
      if (!admin_ || !admin_->ok()) {
        admin_ = std::make_unique<PgConnection>(conninfo_);
        admin_->exec("SET client_min_messages = warning");  // no NOTICE for a missing table
      }
      admin_->exec("DROP TABLE IF EXISTS " + plan_.table);
      admin_->exec(plan_.create_table);
      for (const std::string& s : plan_.setup) admin_->exec(s);
    } catch (const PgError& e) {
      throw ReplayError(std::string("cannot set up the replay table: ") + e.what());
    }
  }

  // Waits for the transaction's unanswered statement, up to `wait`.
  bool settle(size_t t, std::chrono::milliseconds wait) {
    Session& s = sessions_[t];
    if (!s.pending) return true;
    ReplayedStatement& r = outcome_.statements[*s.pending];
    try {
      std::optional<PgResult> answer = answer_within(*s.conn, wait);
      if (!answer) return false;
      r.answer = answer_text(*answer);
      if (r.sql == "COMMIT") s.committed = r.answer == "COMMIT";
    } catch (const PgError& e) {
      std::string_view message = e.what();
      if (message.starts_with("ERROR:")) message.remove_prefix(6);
      while (message.starts_with(' ')) message.remove_prefix(1);
      r.answer = fmt::format("ERROR {}: {}", e.sqlstate(), message);
      s.failed = true;
    }
    s.pending.reset();
    return true;
  }

  // Sends the transaction's next statement; BEGIN goes out together with
  // the statement after it, since PostgreSQL takes the snapshot only then.
  void step(size_t t) {
    Session& s = sessions_[t];
    const std::vector<WitnessStatement>& mine = plan_.txns[t];
    if (s.next >= mine.size()) return;
    bool begin = mine[s.next].role == StatementRoleInTxn::kBegin;
    send_next(t);
    if (begin) {
      settle(t, options_.block_wait);
      send_next(t);
    }
  }

  void send_next(size_t t) {
    Session& s = sessions_[t];
    const std::vector<WitnessStatement>& mine = plan_.txns[t];
    if (s.next >= mine.size()) return;
    const WitnessStatement& w = mine[s.next++];
    if (s.pending && !settle(t, options_.block_wait)) {
      throw ReplayError(fmt::format("T{}: a statement did not answer within {} ms", w.txn,
                                    options_.block_wait.count()));
    }
    if (s.failed) return;
    bool is_end = w.role == StatementRoleInTxn::kCommit || w.role == StatementRoleInTxn::kRollback;
    ReplayedStatement r{t, w.sql, "", w.role == StatementRoleInTxn::kBegin ? "" : w.answer};
    if (is_end && w.answer != "committed") r.recorded = "";
    outcome_.statements.push_back(std::move(r));
    try {
      send_statement(*s.conn, w.sql.c_str());
    } catch (const PgError& e) {
      outcome_.statements.back().answer = std::string("ERROR: ") + e.what();
      s.failed = true;
      return;
    }
    s.pending = outcome_.statements.size() - 1;
    if (!settle(t, options_.step_wait)) outcome_.statements[*s.pending].waited = true;
  }

  void finish(size_t t) {
    Session& s = sessions_[t];
    if (!settle(t, options_.block_wait)) {
      throw ReplayError(
          fmt::format("a statement did not answer within {} ms", options_.block_wait.count()));
    }
    if (s.failed && !s.committed) {
      try {
        s.conn->exec("ROLLBACK");
      } catch (const PgError&) {
        // The connection is closed next; the server rolls back on its own.
      }
    }
  }

  void judge() {
    outcome_.reproduced = true;
    for (ReplayedStatement& r : outcome_.statements) {
      if (r.recorded.empty()) continue;
      std::string now = r.answer == "COMMIT" ? "committed" : r.answer;
      r.differs = now != r.recorded;
      if (r.differs && outcome_.reproduced) {
        outcome_.reproduced = false;
        outcome_.why_not = fmt::format("T{}: {} answered {} (recorded: {})",
                                       plan_.txns[r.txn].front().txn, r.sql, r.answer, r.recorded);
      }
    }
    for (size_t t = 0; t < plan_.txns.size() && outcome_.reproduced; ++t) {
      bool recorded_commit = plan_.txns[t].back().answer == "committed";
      if (recorded_commit && !sessions_[t].committed) {
        outcome_.reproduced = false;
        outcome_.why_not = fmt::format("T{} did not commit", plan_.txns[t].front().txn);
      }
    }
  }

  const std::string& conninfo_;
  const ReplayPlan& plan_;
  const ReplayOptions& options_;
  std::unique_ptr<PgConnection> admin_;
  std::vector<Session> sessions_;
  ReplayOutcome outcome_;
};

// Calls `visit` with each interleaving of `counts[i]` statements of each
// transaction i, the recorded one excluded, until it returns false.
void each_interleaving(std::vector<size_t>& left, std::vector<size_t>& order, size_t total,
                       const std::function<bool(const std::vector<size_t>&)>& visit, bool& go_on) {
  if (!go_on) return;
  if (order.size() == total) {
    go_on = visit(order);
    return;
  }
  for (size_t t = 0; t < left.size() && go_on; ++t) {
    if (left[t] == 0) continue;
    --left[t];
    order.push_back(t);
    each_interleaving(left, order, total, visit, go_on);
    order.pop_back();
    ++left[t];
  }
}

}  // namespace

ReplayPlan plan_replay(const History& h, const Anomaly& a, const WitnessStatements& ws,
                       const std::string& begin_override) {
  Workload w = h.header.workload;
  if (w != Workload::kListAppend && w != Workload::kRwRegister && w != Workload::kPredicate)
    throw ReplayError(
        fmt::format("replay supports list-append, rw-register and predicate histories, not {}",
                    workload_name(w)));
  auto create = h.header.statements.find(std::string(kCreateTableStatement));
  if (h.header.table.empty() || create == h.header.statements.end())
    throw ReplayError(
        "the history does not record its table and SQL (format version 2 histories written "
        "by isocheck run do)");
  ReplayPlan plan;
  plan.table = h.header.table;
  plan.create_table = create->second;
  for (const auto& [key, state] : witness_initial_state(h, a)) {
    if (state)
      plan.setup.push_back(
          fmt::format("INSERT INTO {} VALUES ({}, {})", plan.table, key, state_literal(w, *state)));
  }
  std::vector<size_t> slot_of(h.txns.size(), SIZE_MAX);
  for (size_t i = 0; i < ws.txns.size(); ++i) slot_of[ws.txns[i]] = i;
  plan.txns.resize(ws.txns.size());
  for (const WitnessStatement& s : ws.statements) {
    if (s.sql.empty()) throw ReplayError("a statement of the witness has no recorded SQL");
    size_t slot = slot_of[s.txn];
    plan.txns[slot].push_back(s);
    if (s.role != StatementRoleInTxn::kBegin) {
      plan.recorded_order.push_back(slot);
    } else if (!begin_override.empty()) {
      plan.txns[slot].back().sql = begin_override;
    }
  }
  plan.recorded_order_is_timed = ws.timed;
  return plan;
}

namespace {

ReplayOutcome run_replay(Replay& replay, const std::vector<size_t>& order) {
  try {
    return replay.run(order);
  } catch (const PgError& e) {
    throw ReplayError(std::string("replay failed: ") + e.what());
  }
}

}  // namespace

ReplayOutcome replay_once(const std::string& conninfo, const ReplayPlan& plan,
                          const std::vector<size_t>& order, const ReplayOptions& options) {
  Replay replay(conninfo, plan, options);
  return run_replay(replay, order);
}

ReplaySearch search_interleavings(const std::string& conninfo, const ReplayPlan& plan,
                                  uint64_t max_orders, const ReplayOptions& options) {
  ReplaySearch search;
  Replay replay(conninfo, plan, options);
  search.recorded = run_replay(replay, plan.recorded_order);
  search.tried = 1;
  if (search.recorded.reproduced) {
    search.reproduced = 1;
    search.first_reproducing = plan.recorded_order;
  }
  std::vector<size_t> left;
  size_t total = 0;
  search.interleavings = 1;
  for (const auto& txn : plan.txns) {
    size_t steps = 0;
    for (const WitnessStatement& s : txn) steps += s.role != StatementRoleInTxn::kBegin;
    // multinomial coefficient, built up as a product of binomials
    for (size_t k = 1; k <= steps; ++k)
      search.interleavings =
          search.interleavings * static_cast<double>(total + k) / static_cast<double>(k);
    left.push_back(steps);
    total += steps;
  }
  std::vector<size_t> order;
  bool go_on = search.tried < max_orders;
  each_interleaving(
      left, order, total,
      [&](const std::vector<size_t>& o) {
        if (o == plan.recorded_order) return true;
        ReplayOutcome r = run_replay(replay, o);
        ++search.tried;
        if (r.reproduced) {
          ++search.reproduced;
          if (!search.first_reproducing) search.first_reproducing = o;
        }
        // Ctrl-C / SIGTERM / SIGHUP: stop between two orders.
        search.interrupted = stop_requested();
        return search.tried < max_orders && !search.interrupted;
      },
      go_on);
  return search;
}

}  // namespace isocheck::runner
