// PgBouncer: a connection pooler isocheck starts in front of its own
// throwaway server, so `verify --target NAME=pgbouncer:MODE` tests what an
// application behind a pooler gets.
//
// Contract: the pooler listens on a free 127.0.0.1 port, trusts every login
// (as the server behind it does), and runs from a config of its own in a
// directory inside the server's temp dir. It runs as the server's OS user,
// with its working directory there, so every way the server is torn down
// (destructor, Ctrl-C, a second signal, exit: embedded_cluster.h) also
// kills the pooler; its own destructor stops it first (SIGTERM, then
// SIGKILL). The server must outlive it.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "runner/cluster/embedded_cluster.h"

namespace isocheck::runner {

// PgBouncer's pool_mode: session (one server connection per client for the
// client's life) or transaction (a server connection per transaction).
enum class PoolMode { kSession, kTransaction };

std::optional<PoolMode> parse_pool_mode(std::string_view name);
std::string_view pool_mode_name(PoolMode mode);

class PgBouncer {
 public:
  // Starts PgBouncer in front of `server` with room for `clients` client
  // connections at once. Throws ClusterError (one line: the log's cause,
  // the log kept) when it is not installed or does not come up.
  PgBouncer(const EmbeddedCluster& server, PoolMode mode, int clients);
  ~PgBouncer();
  PgBouncer(const PgBouncer&) = delete;
  PgBouncer& operator=(const PgBouncer&) = delete;

  // libpq conninfo of the `postgres` database through the pooler.
  std::string conninfo() const;
  int port() const { return port_; }
  PoolMode mode() const { return mode_; }
  std::string version() const { return version_; }  // "PgBouncer 1.18.0"

 private:
  void stop() noexcept;
  PoolMode mode_;
  std::filesystem::path dir_;
  int port_ = 0;
  std::string version_;
};

}  // namespace isocheck::runner
