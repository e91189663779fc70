// fetch_server_info: records which server a history was taken from.
//
// A verdict is only meaningful together with the server version and the
// settings that differ from the defaults (isolation-related ones above all),
// so the runner copies them into the history's Header before the first
// event. Uses its own short-lived connection.
#pragma once

#include <string>

#include "proto/history.pb.h"

namespace isocheck::runner {

// Connects with the libpq `conninfo`, then sets `header.database_version`
// from `SELECT version()` and fills `header.settings` with every setting
// whose source is neither "default" nor "override", and every one of
// settings_that_matter() (name -> value). Throws PgError
// (runner/pg/pg_connection.h) with a one-line reason on failure, and
// UnsupportedServer (server_version.h) for a server that is not PostgreSQL
// or older than isocheck supports.
void fetch_server_info(const std::string& conninfo, isocheck::proto::Header& header);

}  // namespace isocheck::runner
