// EmbeddedCluster: a throwaway PostgreSQL server that isocheck starts, owns
// and removes — the default target of `isocheck run` and the server every
// integration test uses.
//
// Start-up: find the server binaries (explicit dir, else `pg_config
// --bindir`, else the newest /usr/lib/postgresql/*/bin), learn their version
// (server_version.h: older than 12 or not PostgreSQL is refused with
// UnsupportedServer) and choose the options it has, initdb a cluster
// in a fresh temp dir (as the `postgres` user when running as root, since
// PostgreSQL refuses to run as root), start it on a free loopback port with
// its Unix socket in the temp dir, fsync off, and the caller's settings.
// The destructor stops the server (fast shutdown, then immediate) and
// removes the directory unless `keep()` was called. A failed initdb or
// start throws with the log's own cause and keeps that log beside the
// removed temp dir (failed_tool_log.h). A process-wide signal
// hook (see cleanup_on_signal) stops live clusters on SIGINT / SIGTERM too.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "runner/cluster/cluster_error.h"
#include "runner/cluster/server_version.h"

namespace isocheck::runner {

class FakeClock;
class NetworkNamespace;

struct ClusterOptions {
  std::optional<std::filesystem::path> bin_dir;  // --pg-bin
  // name -> value, written to postgresql.conf (e.g. max_connections=200)
  std::vector<std::pair<std::string, std::string>> settings;
  // where the temp dir goes; default: $TMPDIR or /tmp
  std::optional<std::filesystem::path> parent_dir;
  // Set: the cluster is a streaming standby copied (pg_basebackup) from the
  // server at this conninfo instead of a fresh initdb; it starts with
  // standby.signal, and `settings` must name its primary_conninfo.
  std::optional<std::string> base_backup_of;
  // The server listens inside its own network namespace, joined to the host
  // by a veth pair (runner/cluster/network_namespace.h; needs root), so the
  // `partition` fault can cut it off.
  bool network_namespace = false;
  // The server runs under libfaketime (runner/cluster/fake_clock.h), so the
  // `clock` fault can jump its wall clock.
  bool fake_clock = false;
};

class EmbeddedCluster {
 public:
  // Starts the server; throws ClusterError with a one-line reason.
  explicit EmbeddedCluster(const ClusterOptions& options);
  ~EmbeddedCluster();
  EmbeddedCluster(const EmbeddedCluster&) = delete;
  EmbeddedCluster& operator=(const EmbeddedCluster&) = delete;

  // libpq conninfo for the `postgres` database as the superuser, over TCP
  // on 127.0.0.1 (or the namespace's address).
  std::string conninfo(const std::string& dbname = "postgres") const;
  int port() const { return port_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  const std::filesystem::path& bin_dir() const { return bin_dir_; }
  // The server's version, from `postgres --version` before initdb.
  const ServerVersion& server_version() const { return version_; }
  // nullptr unless the options asked for them.
  NetworkNamespace* network_namespace() const { return netns_.get(); }
  FakeClock* fake_clock() const { return fake_clock_.get(); }

  // Leave the server running at destruction; print how to connect.
  void keep() { keep_ = true; }
  // Stops the server now (idempotent).
  void stop();

  // Process control for fault injection and tests.
  void kill_server();  // SIGKILL the postmaster
  void restart();      // start again on the same port and data dir
  // `pg_ctl restart -m <mode>` ("fast", "immediate", "smart"); waits until the
  // server accepts connections again. Throws ClusterError naming the cause.
  void pg_ctl_restart(const std::string& mode);
  // The running postmaster's pid, from postmaster.pid; nullopt when none.
  std::optional<pid_t> postmaster() const;

  // Replication roles (embedded_cluster_replication.cpp), for ReplicaSet.
  // Replaces (or adds) one setting; a running server reloads its config.
  void set_setting(const std::string& name, const std::string& value);
  // A machine crash: freezes the postmaster and every backend, then
  // SIGKILLs them all, so nothing gets out after the first process dies.
  void crash();
  // `pg_ctl promote`, waiting until the standby accepts writes.
  void promote();
  // Stops this node if it runs, rewinds it (pg_rewind) to the timeline of
  // `source`, and starts it as a standby streaming from `source`. Throws
  // ClusterError with pg_rewind's or the server's last line.
  void rewind_and_follow(const EmbeddedCluster& source);

  // For the signal path only (cleanup_on_signal), when the process is about
  // to exit: immediate shutdown and removal of the directory unless keep().
  // Safe to call from another thread than the owner's; a no-op in any
  // process other than the one that started the cluster (forked workers).
  void emergency_stop() noexcept;

 private:
  void write_config(int port);
  // pg_basebackup of the server at `conninfo` into data_dir_, as a standby.
  void copy_from_primary(const std::string& conninfo);
  void start_server(bool fresh_port);
  bool pg_ctl(const std::vector<std::string>& args, std::chrono::seconds limit);
  void kill_postmaster() noexcept;
  void discard() noexcept;
  const std::string& listen_address() const;
  void shut_down_and_remove() noexcept;
  bool in_owner_process() const;

  pid_t owner_pid_ = 0;
  std::unique_ptr<NetworkNamespace> netns_;
  std::unique_ptr<FakeClock> fake_clock_;
  std::vector<std::pair<std::string, std::string>> settings_;
  ServerVersion version_;
  std::string initdb_config_;
  std::filesystem::path bin_dir_;
  std::filesystem::path root_dir_;
  std::filesystem::path data_dir_;
  std::string user_;
  int port_ = 0;
  bool running_ = false;
  // Read by the signal thread through emergency_stop().
  std::atomic<bool> keep_ = false;
};

// The directory holding initdb / pg_ctl / postgres, found as described above.
std::filesystem::path find_server_binaries(
    const std::optional<std::filesystem::path>& explicit_dir);

}  // namespace isocheck::runner
