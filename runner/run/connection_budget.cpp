#include "runner/run/connection_budget.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "runner/pg/pg_connection.h"

namespace isocheck::runner {
namespace {

// The throwaway server's max_connections when the caller sets none (see
// kThrowawaySettings in embedded_cluster.cpp) and PostgreSQL's default
// superuser_reserved_connections.
constexpr int kThrowawayMaxConnections = 200;
constexpr int kDefaultSuperuserReserved = 3;

}  // namespace

int connections_needed(int clients) { return clients + kExtraConnections; }

void make_room_for_clients(ClusterOptions& cluster, int clients) {
  bool explicit_setting = std::any_of(cluster.settings.begin(), cluster.settings.end(),
                                      [](const auto& s) { return s.first == "max_connections"; });
  int wanted = connections_needed(clients) + kDefaultSuperuserReserved;
  if (explicit_setting || wanted <= kThrowawayMaxConnections) return;
  cluster.settings.emplace_back("max_connections", std::to_string(wanted));
}

void check_connection_budget(const std::string& conninfo, int clients) {
  PgConnection conn(conninfo);
  PgResult r = conn.exec(
      "SELECT current_setting('max_connections')::int, "
      "current_setting('superuser_reserved_connections')::int, "
      "coalesce(current_setting('reserved_connections', true)::int, 0), "
      "(SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
      "AND pid <> pg_backend_pid())");
  const int64_t max = r.int64(0, 0);
  const int64_t reserved = r.int64(0, 1) + r.int64(0, 2);
  const int64_t in_use = r.int64(0, 3);
  const int64_t available = max - reserved - in_use;
  const int needed = connections_needed(clients);
  if (needed <= available) return;
  throw std::runtime_error(fmt::format(
      "--clients {} needs {} connections but the server takes only {} more (max_connections {}, "
      "{} reserved, {} in use); raise max_connections (--pg-setting max_connections=N for the "
      "throwaway server) or lower --clients",
      clients, needed, std::max<int64_t>(available, 0), max, reserved, in_use));
}

}  // namespace isocheck::runner
