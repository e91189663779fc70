#include "checker/report/sql_witness.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>

#include "checker/history/statement_names.h"
#include "checker/report/txn_format.h"
#include "checker/report/witness_state.h"
#include "checker/report/witness_statements.h"

namespace isocheck {
namespace {

std::string preamble(const History& h, const Anomaly& a, const RecordedEvents& events,
                     const WitnessStatements& ws) {
  const HistoryHeader& hh = h.header;
  std::string out = fmt::format("-- {}: {} transactions, each on its own connection.\n",
                                anomaly_name(a.kind), ws.txns.size());
  if (!hh.database_version.empty()) out += "-- Server: " + hh.database_version + "\n";
  if (!hh.settings.empty()) {
    std::vector<std::string> s;
    for (const auto& [k, v] : hh.settings) s.push_back(k + "=" + v);
    out += fmt::format("-- Settings (not default): {}\n", fmt::join(s, ", "));
  }
  if (!hh.isolation.empty()) out += "-- Isolation requested: " + hh.isolation + "\n";
  if (auto it = hh.statements.find(std::string(kCreateTableStatement)); it != hh.statements.end())
    out += "-- Table: " + it->second + ";\n";
  std::vector<std::string> before;
  const bool rows = detect_workload(h) == Workload::kPredicate;
  for (const auto& [key, state] : witness_initial_state(h, a)) {
    std::string held = !state ? "no row"
                       : rows ? fmt::format("v = {}, grp = {}", state->at(0), state->at(1))
                              : fmt::format("{{{}}}", fmt::join(*state, ","));
    before.push_back(fmt::format("k = {}: {}", key, held));
  }
  if (!before.empty())
    out += fmt::format("-- Rows before, as the witness's reads show them: {}\n",
                       fmt::join(before, "; "));
  for (uint32_t id : ws.txns) {
    const Txn& t = h.txns[id];
    int pid = 0;
    if (t.completed()) {
      if (auto e = events.find(t.complete_index); e != events.end()) pid = e->second.backend_pid();
    }
    out += fmt::format("-- T{}: process {}{}, {}\n", id, t.process,
                       pid ? fmt::format(", backend pid {}", pid) : "", txn_status_name(t.status));
  }
  if (hh.statements.empty())
    out += "-- The history does not record its SQL: micro-ops are shown as comments.\n";
  if (ws.timed) {
    out +=
        "-- In the order the server answered. Columns: when the answer arrived (ms after the\n"
        "-- first statement was sent), how long the statement took (ms), the transaction.\n";
  } else {
    out +=
        "-- Statement times not recorded: transactions one after another, in invocation\n"
        "-- order; the real interleaving is not known.\n";
  }
  return out;
}

}  // namespace

std::string witness_sql(const History& h, const Anomaly& a, const RecordedEvents& events) {
  WitnessStatements ws = witness_statements(h, a, events);
  std::string out = preamble(h, a, events, ws);
  int64_t origin = INT64_MAX;
  for (const WitnessStatement& s : ws.statements)
    if (s.sent_ns != 0) origin = std::min(origin, s.sent_ns);
  for (const WitnessStatement& s : ws.statements) {
    std::string when;
    if (ws.timed && s.answered_ns != 0) {
      double took = s.sent_ns != 0 ? static_cast<double>(s.answered_ns - s.sent_ns) / 1e6 : 0;
      when = fmt::format("{:10.3f} {:8.3f}  ", static_cast<double>(s.answered_ns - origin) / 1e6,
                         took);
    } else if (ws.timed) {
      when = fmt::format("{:>10} {:>8}  ", "?", "");
    }
    std::string sql = !s.sql.empty() ? s.sql : "/* " + format_mop(h, *s.mop) + " */";
    std::string comment = s.answer.empty() ? "" : "  -- " + s.answer;
    out += fmt::format("{}T{:<6} {};{}\n", when, s.txn, sql, comment);
  }
  return out;
}

}  // namespace isocheck
