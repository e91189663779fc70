// How libpq outcomes become PgResult / PgError: the one place that reads
// SQLSTATE and the connection status after a statement, shared by
// PgConnection and the bounded execution functions.
#pragma once

#include <libpq-fe.h>

#include <string>

#include "runner/pg/pg_connection.h"

namespace isocheck::runner {

// The first line of a libpq message (they end in newlines, some span
// several); "unknown libpq error" when empty.
std::string first_line(const char* message);

// `r` as a PgResult when it succeeded; otherwise frees it and throws
// PgError with its SQLSTATE, its message (or the connection's) and whether
// `conn` is still usable. A null `r` counts as a failure.
PgResult checked_result(PGconn* conn, PGresult* r);

}  // namespace isocheck::runner
