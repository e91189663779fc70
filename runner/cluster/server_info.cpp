#include "runner/cluster/server_info.h"

#include <chrono>

#include "runner/pg/bounded_exec.h"
#include "runner/pg/pg_connection.h"

namespace isocheck::runner {
namespace {

// A server that accepted the connection but stopped answering must not hang
// the run before it starts; two catalogue reads take milliseconds.
constexpr std::chrono::seconds kStatementDeadline{30};

}  // namespace

void fetch_server_info(const std::string& conninfo, isocheck::proto::Header& header) {
  PgConnection conn(conninfo);
  WaitLimits limits;
  limits.timeout = kStatementDeadline;
  PgResult version = exec_bounded(conn, "SELECT version()", limits);
  if (version.rows() == 1) header.set_database_version(std::string(version.text(0, 0)));
  PgResult settings = exec_bounded(conn,
                                   "SELECT name, setting FROM pg_settings "
                                   "WHERE source NOT IN ('default', 'override') ORDER BY name",
                                   limits);
  auto& map = *header.mutable_settings();
  for (int row = 0; row < settings.rows(); ++row)
    map[std::string(settings.text(row, 0))] = std::string(settings.text(row, 1));
}

}  // namespace isocheck::runner
