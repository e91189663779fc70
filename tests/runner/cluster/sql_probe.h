// Minimal raw-libpq probes for the cluster tests, independent of the
// runner's own connection wrapper.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>

namespace isocheck::runner::testing {

// The first column of the first row of `sql`, or nullopt when the server
// cannot be reached or the statement fails.
inline std::optional<std::string> query_value(const std::string& conninfo, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK) return std::nullopt;
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK || PQntuples(result.get()) < 1) {
    return std::nullopt;
  }
  return std::string(PQgetvalue(result.get(), 0, 0));
}

inline bool server_answers(const std::string& conninfo) {
  return PQping((conninfo + " connect_timeout=5").c_str()) == PQPING_OK;
}

}  // namespace isocheck::runner::testing
