#include "runner/cluster/replica_set.h"

#include <signal.h>

#include <thread>

#include "runner/cluster/process_tree.h"
#include "runner/pg/pg_connection.h"

namespace isocheck::runner {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using Settings = std::vector<std::pair<std::string, std::string>>;

Settings replication_settings(int replicas, ReplicationMode mode) {
  Settings s = {{"wal_level", "replica"},     {"wal_log_hints", "on"},
                {"full_page_writes", "on"},   {"hot_standby", "on"},
                {"max_wal_senders", "16"},    {"wal_keep_size", "256MB"},
                {"wal_sender_timeout", "5s"}, {"wal_receiver_timeout", "5s"}};
  if (mode == ReplicationMode::kSync) {
    std::string names;
    for (int i = 0; i <= replicas; ++i)
      names += (i ? "," : "") + std::string("node") + std::to_string(i);
    s.emplace_back("synchronous_commit", "remote_apply");
    s.emplace_back("synchronous_standby_names",
                   "FIRST " + std::to_string(replicas) + " (" + names + ")");
  }
  return s;
}

// Runs `query` (one boolean or integer cell) until `done` accepts its answer;
// connection errors count as "not yet". Throws ClusterError with `what`
// after `limit`.
template <typename Done>
void poll_until(const std::string& conninfo, const std::string& query, Done done, seconds limit,
                const std::string& what) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  std::string last_error;
  while (true) {
    try {
      PgConnection conn(conninfo, seconds(5));
      if (done(conn.exec(query))) return;
    } catch (const PgError& e) {
      last_error = e.what();
    }
    if (std::chrono::steady_clock::now() >= deadline)
      throw ClusterError(what + " within " + std::to_string(limit.count()) + " s" +
                         (last_error.empty() ? "" : " (" + last_error + ")"));
    std::this_thread::sleep_for(milliseconds(20));
  }
}

}  // namespace

std::optional<ReplicationMode> parse_replication_mode(const std::string& name) {
  if (name == "async") return ReplicationMode::kAsync;
  if (name == "sync") return ReplicationMode::kSync;
  return std::nullopt;
}

ReplicaSet::ReplicaSet(const ClusterOptions& options, int replicas, ReplicationMode mode) {
  if (replicas < 1) throw ClusterError("a replica set needs at least one standby");
  Settings common = replication_settings(replicas, mode);
  common.insert(common.end(), options.settings.begin(), options.settings.end());
  ClusterOptions primary = options;
  primary.settings = common;
  primary.settings.emplace_back("cluster_name", node_name(0));
  nodes_.push_back(std::make_unique<EmbeddedCluster>(primary));
  for (int i = 1; i <= replicas; ++i) {
    ClusterOptions standby = options;
    standby.settings = common;
    standby.settings.emplace_back("cluster_name", node_name(i));
    standby.settings.emplace_back("primary_conninfo", nodes_[0]->conninfo());
    standby.base_backup_of = nodes_[0]->conninfo();
    nodes_.push_back(std::make_unique<EmbeddedCluster>(standby));
  }
  down_.assign(nodes_.size(), false);
  await_streaming(nodes_.size() - 1, seconds(60));
}

std::string ReplicaSet::conninfo(const std::string& dbname) const {
  std::string hosts, ports;
  for (const auto& node : nodes_) {
    hosts += (hosts.empty() ? "" : ",") + std::string("127.0.0.1");
    ports += (ports.empty() ? "" : ",") + std::to_string(node->port());
  }
  std::string quoted = "'";
  for (char c : dbname) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return "host=" + hosts + " port=" + ports + " user=postgres dbname=" + quoted +
         "' target_session_attrs=read-write";
}

void ReplicaSet::keep() {
  for (auto& node : nodes_) node->keep();
}

std::string ReplicaSet::stall_replication(milliseconds window, seconds cap) {
  auto start = std::chrono::steady_clock::now();
  std::vector<pid_t> senders;
  int64_t sent = 0;
  try {
    PgConnection conn(nodes_[primary_]->conninfo(), seconds(5));
    PgResult r = conn.exec("SELECT pid FROM pg_stat_replication");
    for (int row = 0; row < r.rows(); ++row) senders.push_back(static_cast<pid_t>(r.int64(row, 0)));
    for (pid_t pid : senders) ::kill(pid, SIGSTOP);
    await_stopped(senders, seconds(2));
    // Read after the senders stopped: from here on this can only grow.
    sent = conn.exec("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint").int64(0, 0);
  } catch (const PgError& e) {
    throw ClusterError("the primary " + node_name(primary_) + " did not answer: " + e.what());
  }
  int64_t written = sent;
  auto deadline = start + cap;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      PgConnection conn(nodes_[primary_]->conninfo(), seconds(5));
      written =
          conn.exec("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint").int64(0, 0);
    } catch (const PgError&) {
      // A primary too busy to answer still counts as stalled; the cap ends it.
    }
    if (written > sent && std::chrono::steady_clock::now() - start >= window) break;
    std::this_thread::sleep_for(milliseconds(20));
  }
  auto held = std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
  return "WAL senders of " + node_name(primary_) + " (" + std::to_string(senders.size()) +
         ") stopped for " + std::to_string(held.count()) + " ms, " +
         std::to_string(written - sent) + " bytes of WAL written meanwhile";
}

std::string ReplicaSet::crash_primary() {
  EmbeddedCluster& primary = *nodes_[primary_];
  std::optional<pid_t> pid = primary.postmaster();
  primary.crash();
  down_[primary_] = true;
  return node_name(primary_) + " (postmaster " + (pid ? std::to_string(*pid) : "?") +
         ") and its backends killed";
}

std::string ReplicaSet::promote_most_advanced() {
  // A walreceiver drains what the dead primary's socket still held before
  // it notices the end; until then a standby's position still moves, and one
  // that moved past the promoted standby could not follow it.
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (i == primary_ || down_[i]) continue;
    poll_until(
        nodes_[i]->conninfo(),
        "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'",
        [](const PgResult& r) { return r.int64(0, 0) == 0; }, seconds(30),
        node_name(i) + " kept streaming from the crashed primary");
  }
  std::optional<size_t> best;
  int64_t best_lsn = -1;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (i == primary_ || down_[i]) continue;
    try {
      PgConnection conn(nodes_[i]->conninfo(), seconds(5));
      int64_t lsn = conn.exec(
                            "SELECT pg_wal_lsn_diff(greatest(pg_last_wal_receive_lsn(), "
                            "pg_last_wal_replay_lsn()), '0/0')::bigint")
                        .int64(0, 0);
      if (lsn > best_lsn) best_lsn = lsn, best = i;
    } catch (const PgError&) {
      // A standby that cannot answer is not promoted.
    }
  }
  if (!best) throw ClusterError("no standby answered to be promoted");
  nodes_[*best]->promote();
  try {
    // pg_rewind reads the source's timeline from its control file, which a
    // promoted server updates only at its next checkpoint: without one it
    // finds "the same timeline" and rewinds nothing.
    PgConnection(nodes_[*best]->conninfo(), seconds(5)).exec("CHECKPOINT");
  } catch (const PgError& e) {
    throw ClusterError(node_name(*best) + " promoted, but CHECKPOINT failed: " + e.what());
  }
  size_t old = primary_;
  primary_ = *best;
  return node_name(*best) + " promoted after " + node_name(old) + " (received WAL up to byte " +
         std::to_string(best_lsn) + ")";
}

std::string ReplicaSet::reattach_all() {
  if (down_[primary_]) {
    // The failover stopped before a promotion: the old primary comes back.
    nodes_[primary_]->restart();
    down_[primary_] = false;
  }
  // The crashed node may hold WAL the new primary never got: pg_rewind.
  // A surviving standby has at most what the promoted one had (see
  // promote_most_advanced): it follows the new timeline once repointed.
  std::string done;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (i == primary_) continue;
    if (down_[i]) {
      nodes_[i]->rewind_and_follow(*nodes_[primary_]);
      down_[i] = false;
      done += (done.empty() ? "" : ", ") + node_name(i) + " rewound";
    } else {
      nodes_[i]->set_setting("primary_conninfo", nodes_[primary_]->conninfo());
      done += (done.empty() ? "" : ", ") + node_name(i) + " repointed";
    }
  }
  await_streaming(nodes_.size() - 1, seconds(60));
  // Healed means full redundancy again: a standby still replaying the WAL
  // it missed while it was down would, if promoted by the next failover,
  // lose everything it had not replayed — a loss from promoting a lagging
  // standby, not from asynchronous commit.
  await_caught_up(seconds(120));
  return done + "; following " + node_name(primary_) + ", caught up";
}

void ReplicaSet::await_streaming(size_t standbys, seconds limit) {
  poll_until(
      nodes_[primary_]->conninfo(),
      "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'",
      [&](const PgResult& r) { return r.int64(0, 0) >= static_cast<int64_t>(standbys); }, limit,
      "not every standby of " + node_name(primary_) + " was streaming");
}

void ReplicaSet::await_caught_up(seconds limit) {
  std::string lsn;
  try {
    PgConnection conn(nodes_[primary_]->conninfo(), seconds(5));
    lsn = std::string(conn.exec("SELECT pg_current_wal_lsn()::text").text(0, 0));
  } catch (const PgError& e) {
    throw ClusterError("the primary " + node_name(primary_) + " did not answer: " + e.what());
  }
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (i == primary_) continue;
    poll_until(
        nodes_[i]->conninfo(),
        "SELECT coalesce(pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn, false)::int",
        [](const PgResult& r) { return r.int64(0, 0) == 1; }, limit,
        node_name(i) + " did not replay the primary's WAL up to " + lsn);
  }
}

}  // namespace isocheck::runner
