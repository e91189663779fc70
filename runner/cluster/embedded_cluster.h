// EmbeddedCluster: a throwaway PostgreSQL server that isocheck starts, owns
// and removes — the default target of `isocheck run` and the server every
// integration test uses.
//
// Start-up: find the server binaries (explicit dir, else `pg_config
// --bindir`, else the newest /usr/lib/postgresql/*/bin), initdb a cluster
// in a fresh temp dir (as the `postgres` user when running as root, since
// PostgreSQL refuses to run as root), start it on a free loopback port with
// its Unix socket in the temp dir, fsync off, and the caller's settings.
// The destructor stops the server (fast shutdown, then immediate) and
// removes the directory unless `keep()` was called. A process-wide signal
// hook (see cleanup_on_signal) stops live clusters on SIGINT / SIGTERM too.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace isocheck::runner {

class ClusterError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ClusterOptions {
  std::optional<std::filesystem::path> bin_dir;  // --pg-bin
  // name -> value, written to postgresql.conf (e.g. max_connections=200)
  std::vector<std::pair<std::string, std::string>> settings;
  // where the temp dir goes; default: $TMPDIR or /tmp
  std::optional<std::filesystem::path> parent_dir;
};

class EmbeddedCluster {
 public:
  // Starts the server; throws ClusterError with a one-line reason.
  explicit EmbeddedCluster(const ClusterOptions& options);
  ~EmbeddedCluster();
  EmbeddedCluster(const EmbeddedCluster&) = delete;
  EmbeddedCluster& operator=(const EmbeddedCluster&) = delete;

  // libpq conninfo for the `postgres` database as the superuser, over TCP
  // on 127.0.0.1.
  std::string conninfo(const std::string& dbname = "postgres") const;
  int port() const { return port_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  const std::filesystem::path& bin_dir() const { return bin_dir_; }

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

  // For the signal path only (cleanup_on_signal), when the process is about
  // to exit: immediate shutdown and removal of the directory unless keep().
  // Safe to call from another thread than the owner's; a no-op in any
  // process other than the one that started the cluster (forked workers).
  void emergency_stop() noexcept;

 private:
  void write_config(int port);
  void start_server(bool fresh_port);
  bool pg_ctl(const std::vector<std::string>& args, std::chrono::seconds limit);
  void kill_postmaster() noexcept;
  void discard() noexcept;
  void shut_down_and_remove() noexcept;
  bool in_owner_process() const;

  pid_t owner_pid_ = 0;
  std::vector<std::pair<std::string, std::string>> settings_;
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
