#include "runner/run/stale_tables.h"

#include <regex>

#include "checker/history/history.h"
#include "runner/workload/workload_sql.h"

namespace isocheck::runner {
namespace {

constexpr const char* kDropLockTimeout = "5s";
constexpr Workload kWorkloads[] = {Workload::kListAppend, Workload::kRwRegister, Workload::kBank,
                                   Workload::kPredicate};

// "^isocheck_[0-9a-f]+_(list|...)$": exactly the names WorkloadTable gives.
std::regex run_table_name() {
  std::string suffixes;
  for (Workload w : kWorkloads)
    suffixes += (suffixes.empty() ? "" : "|") + std::string(workload_sql(w).table_suffix);
  return std::regex("^isocheck_[0-9a-f]+_(" + suffixes + ")$");
}

}  // namespace

StaleTables drop_stale_tables(PgConnection& conn) {
  conn.exec("SET client_min_messages = warning");
  conn.exec(std::string("SET lock_timeout = '") + kDropLockTimeout + "'");
  PgResult tables = conn.exec(
      "SELECT c.relname, EXISTS (SELECT 1 FROM pg_stat_activity a "
      "WHERE a.application_name = 'isocheck-' || c.relname) "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relname LIKE 'isocheck\\_%' "
      "ORDER BY c.relname");
  const std::regex name_pattern = run_table_name();
  StaleTables result;
  for (int row = 0; row < tables.rows(); ++row) {
    std::string name(tables.text(row, 0));
    if (!std::regex_match(name, name_pattern)) continue;
    if (tables.text(row, 1) == "t") {
      result.in_use.push_back(name);
      continue;
    }
    try {
      conn.exec("DROP TABLE IF EXISTS " + name);
      result.dropped.push_back(name);
    } catch (const PgError& e) {
      // lock_not_available: a run holds the table after all.
      if (e.sqlstate() != "55P03") throw;
      result.in_use.push_back(name);
    }
  }
  return result;
}

}  // namespace isocheck::runner
