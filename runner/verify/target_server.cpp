#include "runner/verify/target_server.h"

#include "proto/history.pb.h"
#include "runner/cluster/server_info.h"
#include "runner/run/connection_budget.h"

namespace isocheck::runner {

TargetServer::TargetServer(const TargetSpec& target, const ClusterOptions& base, int most_clients)
    : options_(base) {
  if (target.kind == TargetKind::kDsn) {
    conninfo_ = target.dsn;
    proto::Header probe;
    fetch_server_info(conninfo_, probe);
    return;
  }
  if (target.bin_dir) options_.bin_dir = target.bin_dir;
  for (const auto& setting : target.settings) options_.settings.push_back(setting);
  ClusterOptions started = options_;
  // The run's own connections (table set-up, final read) come on top.
  make_room_for_clients(started, most_clients);
  cluster_ = std::make_unique<EmbeddedCluster>(started);
  conninfo_ = cluster_->conninfo();
  if (target.kind != TargetKind::kPgBouncer) return;
  bouncer_ = std::make_unique<PgBouncer>(*cluster_, target.pool_mode, most_clients);
  conninfo_ = bouncer_->conninfo();
}

TargetServer::~TargetServer() = default;

bool TargetServer::unnamed_statements() const {
  return bouncer_ && bouncer_->mode() == PoolMode::kTransaction;
}

}  // namespace isocheck::runner
