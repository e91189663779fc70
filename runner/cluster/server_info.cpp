#include "runner/cluster/server_info.h"

#include <chrono>
#include <cstdlib>

#include "checker/claims/verify_report.h"
#include "runner/cluster/server_version.h"
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
  PgResult number = exec_bounded(conn, "SELECT current_setting('server_version_num')", limits);
  std::string text = header.database_version();
  if (text.rfind("PostgreSQL ", 0) != 0)
    throw UnsupportedServer("the server is not PostgreSQL: version() says \"" + text + "\"");
  if (number.rows() == 1)
    require_supported(version_from_number(std::atol(std::string(number.text(0, 0)).c_str()), text),
                      "the server");
  // Non-default settings, and the ones a report shows for every target
  // whatever their source (verify_report.h).
  std::string wanted = "ARRAY[";
  for (const std::string& name : settings_that_matter())
    wanted += (wanted.size() > 6 ? ",'" : "'") + name + "'";
  wanted += "]";
  std::string sql =
      "SELECT name, setting FROM pg_settings WHERE source NOT IN ('default', 'override') "
      "OR name = ANY(" +
      wanted + ") ORDER BY name";
  PgResult settings = exec_bounded(conn, sql.c_str(), limits);
  auto& map = *header.mutable_settings();
  for (int row = 0; row < settings.rows(); ++row)
    map[std::string(settings.text(row, 0))] = std::string(settings.text(row, 1));
}

}  // namespace isocheck::runner
