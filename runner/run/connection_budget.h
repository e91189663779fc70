// Connection budget: whether the server can take every client of a run.
//
// A run needs one connection per client plus kExtraConnections (the admin
// connection that creates and drops the table, the final reader, the
// nemesis's terminate). A server that refuses some clients would leave
// them reconnecting in silence and the run testing fewer clients than
// asked, so the run checks before it starts:
//  - the throwaway server gets max_connections raised to fit, unless the
//    caller set max_connections explicitly (then the check below decides);
//  - any server: max_connections minus the slots reserved for superusers
//    (superuser_reserved_connections, and reserved_connections where the
//    server has it) minus the client connections already open must cover
//    the need, else the run fails with one line saying so.
#pragma once

#include <string>

#include "runner/cluster/embedded_cluster.h"

namespace isocheck::runner {

inline constexpr int kExtraConnections = 3;

// The connections a run with `clients` clients opens at most at once.
int connections_needed(int clients);

// Adds max_connections to the throwaway server's settings when `clients`
// need more than its default and the caller did not set it.
void make_room_for_clients(ClusterOptions& cluster, int clients);

// Throws std::runtime_error (one line) when the server at `conninfo` cannot
// take `clients` more clients; PgError when it cannot be asked.
void check_connection_budget(const std::string& conninfo, int clients);

}  // namespace isocheck::runner
