// The one throwaway PostgreSQL server every isolation test in this binary
// runs against, started before the first test and removed after the last
// (a gtest Environment), so that each run_workload call only creates a table
// instead of initdb-ing a server of its own.
//
// Configured as run_workload configures its own embedded server
// (deadlock_timeout = 20ms), so runs here behave like `isocheck run`.
#pragma once

#include <string>

namespace isocheck::runner::testing {

// libpq conninfo of the shared server. Only valid while tests run.
const std::string& shared_cluster_dsn();

}  // namespace isocheck::runner::testing
