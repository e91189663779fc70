// drop_stale_tables: `isocheck run --cleanup` — removes the workload tables
// that runs killed before their teardown left in the user's database.
//
// Which tables: those in the connection's current schema whose name is a
// run's table name ("isocheck_<hex run id>_<workload suffix>", see
// workload_table.h), nothing else. A table some run still uses is kept: every
// client of a run connects with application_name "isocheck-<table>", so a
// live backend with that name marks the table in use; and DROP waits at most
// kDropLockTimeout for a lock before the table is reported as in use too.
// Never runs by itself at start-up: a run that just created its table and has
// not connected its clients yet would look stale.
#pragma once

#include <string>
#include <vector>

#include "runner/pg/pg_connection.h"

namespace isocheck::runner {

struct StaleTables {
  std::vector<std::string> dropped;
  std::vector<std::string> in_use;  // kept
};

// Throws PgError when the server cannot be asked.
StaleTables drop_stale_tables(PgConnection& conn);

}  // namespace isocheck::runner
