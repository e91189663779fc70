#include "runner/workload/workload_table.h"

#include <fmt/format.h>

#include "runner/workload/workload_sql.h"

namespace isocheck::runner {

WorkloadTable::WorkloadTable(Workload workload, const std::string& prefix)
    : workload_(workload), name_(prefix + std::string(workload_sql(workload).table_suffix)) {}

void WorkloadTable::create(PgConnection& conn, int64_t bank_accounts, int64_t bank_total) const {
  const WorkloadSql& sql = workload_sql(workload_);
  drop(conn);
  conn.exec(with_table(sql.create_table, name_));
  if (!sql.populate.empty()) {
    conn.exec_params(with_table(sql.populate, name_),
                     {std::to_string(bank_accounts), std::to_string(bank_total)});
  }
}

void WorkloadTable::drop(PgConnection& conn) const {
  // The NOTICE for a missing table is noise in a terminal.
  conn.exec("SET client_min_messages = warning");
  conn.exec("DROP TABLE IF EXISTS " + name_);
}

std::string run_table_prefix(uint64_t run_id) { return fmt::format("isocheck_{:x}_", run_id); }

}  // namespace isocheck::runner
