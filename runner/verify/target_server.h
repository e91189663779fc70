// TargetServer: the server one verify target runs its cells against, up
// for the target's whole matrix and torn down after it (on every way out:
// the embedded server and its PgBouncer stop with the cluster,
// embedded_cluster.h).
//
// Contract: an embedded, binaries-dir or pgbouncer target starts its own
// throwaway server (with `base`'s binaries and settings, then the target's
// own settings, which win); a pgbouncer target puts a PgBouncer in front
// of it; a DSN target only checks that the server is PostgreSQL 12 or newer.
// Throws ClusterError (UnsupportedServer for a server too old or not
// PostgreSQL) or PgError with one line.
#pragma once

#include <memory>
#include <string>

#include "runner/cluster/embedded_cluster.h"
#include "runner/cluster/pgbouncer.h"
#include "runner/verify/target_spec.h"

namespace isocheck::runner {

class TargetServer {
 public:
  TargetServer(const TargetSpec& target, const ClusterOptions& base, int most_clients);
  ~TargetServer();

  const std::string& conninfo() const { return conninfo_; }
  // The throwaway server, nullptr for a DSN target.
  EmbeddedCluster* cluster() const { return cluster_.get(); }
  // Options for cells that need a server of their own (faults), with the
  // target's binaries and settings.
  const ClusterOptions& cluster_options() const { return options_; }
  // Statements must go unnamed: transaction pooling (client_loop.h).
  bool unnamed_statements() const;

 private:
  ClusterOptions options_;
  std::unique_ptr<EmbeddedCluster> cluster_;
  std::unique_ptr<PgBouncer> bouncer_;  // destroyed before the cluster
  std::string conninfo_;
};

}  // namespace isocheck::runner
