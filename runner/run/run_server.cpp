#include "runner/run/run_server.h"

#include <cstdlib>

#include "runner/run/connection_budget.h"

namespace isocheck::runner {
namespace {

// The run's own server takes every client.
ClusterOptions with_room(const RunOptions& o) {
  ClusterOptions c = o.cluster;
  make_room_for_clients(c, o.clients);
  return c;
}

// A single server, also prepared for the faults that need it so.
ClusterOptions own_cluster(const RunOptions& o) {
  ClusterOptions c = with_room(o);
  for (FaultKind kind : o.nemesis.kinds) {
    c.network_namespace = c.network_namespace || kind == FaultKind::kPartition;
    c.fake_clock = c.fake_clock || kind == FaultKind::kClock;
  }
  return c;
}

}  // namespace

RunServer::RunServer(const RunOptions& options) : caller_cluster_(options.caller_cluster) {
  if (options.dsn) {
    conninfo_ = *options.dsn;
    return;
  }
  if (std::getenv("PGHOST") != nullptr) return;
  try {
    if (options.replicas > 0) {
      replica_set_ =
          std::make_unique<ReplicaSet>(with_room(options), options.replicas, options.replication);
      if (options.keep_server) replica_set_->keep();
      conninfo_ = replica_set_->conninfo();
    } else {
      cluster_ = std::make_unique<EmbeddedCluster>(own_cluster(options));
      if (options.keep_server) cluster_->keep();
      conninfo_ = cluster_->conninfo();
    }
  } catch (const ClusterError& e) {
    throw RunError(e.what());
  }
}

NemesisTarget RunServer::nemesis_target(const std::string& application_name) const {
  EmbeddedCluster* server = cluster_ ? cluster_.get() : caller_cluster_;
  NemesisTarget target{server, conninfo_, application_name,
                       server ? "embedded:" + std::to_string(server->port()) : "dsn",
                       replica_set_.get()};
  if (replica_set_) target.name = "replicas:" + std::to_string(replica_set_->size() - 1);
  return target;
}

void RunServer::await_replicas() const {
  if (!replica_set_) return;
  try {
    replica_set_->await_caught_up(std::chrono::seconds(120));
  } catch (const ClusterError& e) {
    throw RunError(std::string("before the final read: ") + e.what());
  }
}

}  // namespace isocheck::runner
