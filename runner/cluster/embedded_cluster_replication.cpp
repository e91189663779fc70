// EmbeddedCluster's replication roles (see embedded_cluster.h): becoming a
// standby by base backup, crashing like a machine, promotion, and coming
// back as a standby of the new primary through pg_rewind.
//
// Why it is done this way:
// - The standby's primary_conninfo is an ordinary setting written by
//   write_config, not pg_basebackup -R / pg_rewind -R output: those write
//   postgresql.auto.conf, which would override it after a later failover
//   points the node elsewhere.
// - pg_rewind copies the source's configuration files over the target's;
//   write_config rewrites postgresql.conf from this node's own settings
//   (port, cluster_name, primary_conninfo) before the node starts again.
// - A crashed node needs no separate recovery start: pg_rewind (PostgreSQL
//   13 and later) runs single-user crash recovery on it first.
#include <signal.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "runner/cluster/child_command.h"
#include "runner/cluster/embedded_cluster.h"
#include "runner/cluster/process_tree.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_standby_signal(const fs::path& data_dir) {
  std::ofstream signal_file(data_dir / "standby.signal", std::ios::trunc);
  if (!signal_file) throw ClusterError((data_dir / "standby.signal").string() + ": cannot write");
}

}  // namespace

void EmbeddedCluster::copy_from_primary(const std::string& conninfo) {
  fs::path log = root_dir_ / "pg_basebackup.log";
  ToolOutcome backup =
      run_server_tool({(bin_dir_ / "pg_basebackup").string(), "-D", data_dir_.string(), "-d",
                       conninfo, "-X", "stream", "-c", "fast", "--no-sync"},
                      server_os_user(), log, root_dir_, seconds(300));
  if (!backup.ok()) {
    throw ClusterError("pg_basebackup failed" +
                       std::string(backup.timed_out ? " (timed out)" : "") + ": " +
                       last_log_line(log));
  }
  // The primary's configuration, which write_config extends with this node's
  // own settings (later lines win).
  initdb_config_ = file_text(data_dir_ / "postgresql.conf");
  write_standby_signal(data_dir_);
}

void EmbeddedCluster::set_setting(const std::string& name, const std::string& value) {
  bool replaced = false;
  for (auto& [n, v] : settings_) {
    if (n == name) {
      v = value;
      replaced = true;
    }
  }
  if (!replaced) settings_.emplace_back(name, value);
  write_config(port_);
  if (running_ && !pg_ctl({"reload"}, seconds(30)))
    throw ClusterError("pg_ctl reload failed: " + last_log_line(root_dir_ / "pg_ctl.log"));
}

void EmbeddedCluster::crash() {
  if (!in_owner_process()) throw ClusterError("crash: this process does not own the cluster");
  std::optional<pid_t> pid = postmaster();
  if (!pid) throw ClusterError("crash: no live postmaster in " + data_dir_.string());
  // Frozen first, so no backend answers a client or a walsender ships WAL
  // after its siblings died; then every process dies at once.
  await_stopped(signal_process_tree(*pid, SIGSTOP), std::chrono::seconds(2));
  for (pid_t child : child_processes(*pid)) ::kill(child, SIGKILL);
  kill_server();
}

void EmbeddedCluster::promote() {
  if (!pg_ctl({"-w", "-t", "60", "promote"}, seconds(90)))
    throw ClusterError("pg_ctl promote failed: " + last_log_line(root_dir_ / "pg_ctl.log"));
}

void EmbeddedCluster::rewind_and_follow(const EmbeddedCluster& source) {
  if (!in_owner_process()) throw ClusterError("rewind: this process does not own the cluster");
  stop();
  fs::path log = root_dir_ / "pg_rewind.log";
  ToolOutcome rewind =
      run_server_tool({(bin_dir_ / "pg_rewind").string(), "--target-pgdata=" + data_dir_.string(),
                       "--source-server=" + source.conninfo(), "--no-sync"},
                      server_os_user(), log, root_dir_, seconds(300));
  if (!rewind.ok()) {
    throw ClusterError("pg_rewind failed" + std::string(rewind.timed_out ? " (timed out)" : "") +
                       ": " + last_log_line(log));
  }
  write_standby_signal(data_dir_);
  settings_.erase(std::remove_if(settings_.begin(), settings_.end(),
                                 [](const auto& s) { return s.first == "primary_conninfo"; }),
                  settings_.end());
  settings_.emplace_back("primary_conninfo", source.conninfo());
  start_server(false);
}

}  // namespace isocheck::runner
