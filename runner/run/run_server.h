// RunServer: the server one `isocheck run` works against, and what it owns
// of it — the `dsn` (or libpq's environment when PGHOST is set), the
// caller's throwaway cluster, or a throwaway server the run starts: a
// single EmbeddedCluster (in a network namespace for `partition`, under
// libfaketime for `clock`) or, with `replicas`, a ReplicaSet.
//
// Contract: conninfo() reaches the server that takes writes (for a replica
// set, whichever node is primary); nemesis_target() names what faults act
// on; await_replicas() returns once every standby has replayed the
// primary's WAL (at once without standbys). The destructor stops and
// removes what the run started, unless keep_server.
#pragma once

#include <memory>
#include <string>

#include "runner/cluster/embedded_cluster.h"
#include "runner/cluster/replica_set.h"
#include "runner/nemesis/fault_injector.h"
#include "runner/run/run_workload.h"

namespace isocheck::runner {

class RunServer {
 public:
  // Starts the run's own server when it needs one; throws RunError.
  explicit RunServer(const RunOptions& options);

  const std::string& conninfo() const { return conninfo_; }
  NemesisTarget nemesis_target(const std::string& application_name) const;
  // Throws RunError when the standbys do not catch up in time.
  void await_replicas() const;

 private:
  std::unique_ptr<EmbeddedCluster> cluster_;
  std::unique_ptr<ReplicaSet> replica_set_;
  EmbeddedCluster* caller_cluster_ = nullptr;
  std::string conninfo_;
};

}  // namespace isocheck::runner
