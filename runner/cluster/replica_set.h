// ReplicaSet: a throwaway primary plus N streaming standbys, each an
// EmbeddedCluster — the target of `isocheck run --replicas N` and of the
// `failover` fault.
//
// Set-up: the primary is initdb'd with wal_log_hints=on and
// full_page_writes=on (pg_rewind needs both), hot_standby and wal_keep_size
// (a rewound node must find the WAL since the fork on the new primary);
// each standby is a pg_basebackup of it, named node<i> by cluster_name
// (which is also its application_name towards the primary). The
// constructor returns once every standby streams.
//
// Replication modes:
// - async: commits return once local; a standby may lag, so a failover can
//   lose acknowledged commits — what the async demonstration must find.
// - sync: synchronous_commit=remote_apply and synchronous_standby_names =
//   'FIRST N (node0, ..., nodeN)' on every node: the N connected nodes
//   other than the primary are all synchronous, so an acknowledged commit
//   is applied on every standby and promoting any of them loses nothing.
//   (`ANY k` would let a commit return once k standbys had it, and
//   promoting another would lose it.) While a node is down or rewinding,
//   commits wait for it.
// The caller's settings come after these and win.
//
// Contract: conninfo() names every node with target_session_attrs=read-write,
// so libpq finds whichever is primary. The destructor (and the signal path,
// through each node's own registration) stops and removes every node.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runner/cluster/embedded_cluster.h"

namespace isocheck::runner {

enum class ReplicationMode { kAsync, kSync };

// "async" / "sync"; nullopt for anything else.
std::optional<ReplicationMode> parse_replication_mode(const std::string& name);

class ReplicaSet {
 public:
  // Starts the primary and `replicas` (>= 1) standbys; throws ClusterError.
  ReplicaSet(const ClusterOptions& options, int replicas, ReplicationMode mode);
  ReplicaSet(const ReplicaSet&) = delete;
  ReplicaSet& operator=(const ReplicaSet&) = delete;

  // Multi-host conninfo for `dbname`, read-write sessions only.
  std::string conninfo(const std::string& dbname = "postgres") const;
  size_t size() const { return nodes_.size(); }
  size_t primary_index() const { return primary_; }
  EmbeddedCluster& node(size_t i) { return *nodes_[i]; }
  std::string node_name(size_t i) const { return "node" + std::to_string(i); }
  void keep();

  // The failover, in its steps: hold back replication (stall_replication);
  // crash the primary (every process of it at once); once no standby still
  // streams from it, promote the one that received the most WAL; rewind
  // the crashed node, repoint every other standby to the new primary, and
  // wait until each has caught up. Each returns what it did, in words, for
  // the fault records.
  //
  // stall_replication freezes (SIGSTOP) the primary's WAL senders, so that
  // nothing committed from then on reaches a standby, and returns once the
  // primary has written WAL past what they sent and at least `window` has
  // passed (at most `cap`). Why: a standby on the same machine otherwise
  // trails the primary by microseconds, and whether a crash catches an
  // acknowledged commit in flight would depend on the machine's load. A
  // real failover follows just such a moment (a congested link, a slow
  // standby). Async commits made meanwhile are acknowledged and then lost
  // with the primary; sync ones (remote_apply) wait and are never
  // acknowledged. The crash that follows kills the frozen senders too.
  std::string stall_replication(std::chrono::milliseconds window, std::chrono::seconds cap);
  std::string crash_primary();
  std::string promote_most_advanced();
  std::string reattach_all();

  // Waits until every standby has replayed the primary's current WAL
  // position, so a read from the primary is the state every node agrees
  // on. Throws ClusterError after `limit`.
  void await_caught_up(std::chrono::seconds limit);

 private:
  void await_streaming(size_t standbys, std::chrono::seconds limit);

  std::vector<std::unique_ptr<EmbeddedCluster>> nodes_;
  size_t primary_ = 0;
  // Crashed and not yet reattached.
  std::vector<bool> down_;
};

}  // namespace isocheck::runner
