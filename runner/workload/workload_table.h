// WorkloadTable: a run's table for one workload — its name, setup and
// teardown.
//
// The name is the run's prefix plus the workload's suffix (see
// workload_sql.h). create() drops any table of the same name first (a
// previous run with the same id that was killed before teardown) and, for
// bank, inserts `accounts` rows whose balances sum to `total`. drop() is
// idempotent. Both throw PgError.
#pragma once

#include <cstdint>
#include <string>

#include "checker/history/history.h"
#include "runner/pg/pg_connection.h"

namespace isocheck::runner {

class WorkloadTable {
 public:
  WorkloadTable(Workload workload, const std::string& prefix);

  const std::string& name() const { return name_; }
  Workload workload() const { return workload_; }

  void create(PgConnection& conn, int64_t bank_accounts = 0, int64_t bank_total = 0) const;
  void drop(PgConnection& conn) const;

 private:
  Workload workload_;
  std::string name_;
};

// A table prefix unique to one run: "isocheck_<run id in hex>_".
std::string run_table_prefix(uint64_t run_id);

}  // namespace isocheck::runner
