#include "runner/pg/result_check.h"

namespace isocheck::runner {

std::string first_line(const char* message) {
  std::string m = message ? message : "";
  if (size_t nl = m.find('\n'); nl != std::string::npos) m.resize(nl);
  return m.empty() ? "unknown libpq error" : m;
}

PgResult checked_result(PGconn* conn, PGresult* r) {
  ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return PgResult(r);
  PgResult owned(r);  // frees r however we leave
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const char* msg = r ? PQresultErrorMessage(r) : nullptr;
  if (!msg || !*msg) msg = PQerrorMessage(conn);
  throw PgError(first_line(msg), state ? state : "", PQstatus(conn) != CONNECTION_OK);
}

}  // namespace isocheck::runner
