#include "runner/cluster/server_info.h"

#include <libpq-fe.h>

#include <memory>

#include "runner/pg/pg_connection.h"

namespace isocheck::runner {
namespace {

// Raw libpq on purpose: this file must not depend on the order in which the
// runner's connection wrapper is built; these are two statements.
using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string one_line(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  return text;
}

Result query(PGconn* conn, const char* sql) {
  Result result(PQexec(conn, sql), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    const char* state = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
    throw PgError(std::string(sql) + ": " + one_line(PQerrorMessage(conn)),
                  state != nullptr ? state : "", PQstatus(conn) != CONNECTION_OK);
  }
  return result;
}

}  // namespace

void fetch_server_info(const std::string& conninfo, isocheck::proto::Header& header) {
  Connection conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
    throw PgError("cannot connect to read server info: " +
                      one_line(conn ? PQerrorMessage(conn.get()) : "out of memory"),
                  "", true);
  }
  Result version = query(conn.get(), "SELECT version()");
  if (PQntuples(version.get()) == 1) header.set_database_version(PQgetvalue(version.get(), 0, 0));
  Result settings = query(conn.get(),
                          "SELECT name, setting FROM pg_settings "
                          "WHERE source NOT IN ('default', 'override') ORDER BY name");
  auto& map = *header.mutable_settings();
  for (int row = 0; row < PQntuples(settings.get()); ++row) {
    map[PQgetvalue(settings.get(), row, 0)] = PQgetvalue(settings.get(), row, 1);
  }
}

}  // namespace isocheck::runner
