// EmbeddedCluster (see embedded_cluster.h).
//
// Why the cluster is configured as it is:
// - fsync=off, full_page_writes=off, initdb --no-sync: the cluster lives for
//   one run and is deleted afterwards; nothing has to survive a machine crash,
//   and isolation anomalies do not depend on durability to disk. Skipping
//   fsync makes initdb and commits several times faster on shared CI disks.
//   A killed postmaster (kill_server) still recovers from WAL in the page
//   cache, so fault injection keeps working.
// - synchronous_commit=on (unless the caller overrides it): an acknowledged
//   commit must be visible to every later transaction; that is the guarantee
//   under test, so it is stated explicitly rather than left to defaults.
// - max_connections=200: above the default 100 so that runs with many
//   clients plus final reads and the nemesis never hit the limit.
// - deadlock_timeout=20ms: with the few hot keys that make anomalies appear,
//   upserts deadlock often, and the default 1 s detection delay stalls
//   clients (measured: 44 vs 2980 committed txn/s, list-append,
//   serializable, 8 keys, 10 clients). It changes when a deadlock is
//   noticed, never which transactions may commit.
// - listen_addresses=127.0.0.1 (or the server end of its own namespace's
//   veth pair) and the socket in the private temp dir: the throwaway
//   server, which trusts every login, is unreachable from outside the
//   machine and does not collide with a system server's /var/run socket.
// - -A trust -U postgres, locale C with UTF8: no passwords to manage, and
//   no dependence on which locales the machine has generated.
#include "runner/cluster/embedded_cluster.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "runner/cluster/child_command.h"
#include "runner/cluster/cleanup_on_signal.h"
#include "runner/cluster/failed_tool_log.h"
#include "runner/cluster/fake_clock.h"
#include "runner/cluster/free_port.h"
#include "runner/cluster/network_namespace.h"
#include "runner/cluster/proc_file.h"
#include "runner/cluster/process_tree.h"
#include "runner/cluster/stray_processes.h"
#include "runner/cluster/version_options.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

constexpr int kStartAttempts = 4;

// Written before the caller's settings, which therefore win.
constexpr std::pair<const char*, const char*> kThrowawaySettings[] = {
    {"fsync", "off"},           {"full_page_writes", "off"},  {"synchronous_commit", "on"},
    {"max_connections", "200"}, {"deadlock_timeout", "20ms"},
};

// Log lines after which starting again may succeed: the port was taken
// between choosing and binding it, or backends of a killed postmaster still
// hold its shared memory.
constexpr const char* kRetryableStartErrors[] = {"Address already in use",
                                                 "pre-existing shared memory block"};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool is_detail_line(const std::string& line) {
  for (const char* tag : {"HINT:", "DETAIL:", "CONTEXT:", "STATEMENT:"}) {
    if (line.find(tag) != std::string::npos) return true;
  }
  return false;
}

// The server's own explanation in one line: its last FATAL/PANIC line,
// preceded by the message just before it, which usually names the cause
// ("unrecognized configuration parameter ..." before "configuration file
// contains errors"). Without a FATAL line, the log's last line.
std::string server_failure_line(const fs::path& log) {
  std::istringstream in(read_file(log));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  for (size_t i = lines.size(); i-- > 0;) {
    if (lines[i].find("FATAL:") == std::string::npos &&
        lines[i].find("PANIC:") == std::string::npos) {
      continue;
    }
    size_t cause = i;
    while (cause > 0 && is_detail_line(lines[cause - 1])) --cause;
    bool has_cause = cause > 0 &&
                     lines[cause - 1].find("starting PostgreSQL") == std::string::npos &&
                     lines[cause - 1].find("listening on") == std::string::npos;
    return has_cause ? lines[cause - 1] + " / " + lines[i] : lines[i];
  }
  return last_log_line(log);
}

std::string conf_quote(const std::string& value) {
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

void check_setting(const std::string& name, const std::string& value) {
  bool name_ok = !name.empty();
  for (char c : name)
    name_ok = name_ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.');
  if (!name_ok) throw ClusterError("server setting `" + name + "`: not a valid parameter name");
  if (value.find_first_of("\n\r", 0) != std::string::npos ||
      value.find('\0') != std::string::npos) {
    throw ClusterError("server setting `" + name + "`: value contains a line break");
  }
}

fs::path make_root_dir(const fs::path& parent, const std::optional<OsUser>& os_user) {
  std::string pattern = (parent / "isocheck-pg-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw ClusterError(parent.string() + ": cannot create a temp dir: " + std::strerror(errno));
  }
  if (os_user && ::chown(pattern.c_str(), os_user->uid, os_user->gid) != 0) {
    int err = errno;
    std::error_code ec;
    fs::remove(pattern, ec);
    throw ClusterError(pattern + ": cannot hand it to user " + os_user->name + ": " +
                       std::strerror(err));
  }
  return pattern;
}

fs::path default_parent_dir() {
  const char* tmp = std::getenv("TMPDIR");
  return tmp != nullptr && *tmp != '\0' ? fs::path(tmp) : fs::path("/tmp");
}

std::optional<pid_t> postmaster_pid(const fs::path& data_dir) {
  std::ifstream in(data_dir / "postmaster.pid");
  long pid = 0;
  if (!(in >> pid) || pid <= 0) return std::nullopt;
  return static_cast<pid_t>(pid);
}

}  // namespace

int free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw ClusterError(std::string("cannot create a socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  int err = errno;
  ::close(fd);
  if (!ok)
    throw ClusterError(std::string("cannot find a free port on 127.0.0.1: ") + std::strerror(err));
  return ntohs(addr.sin_port);
}

EmbeddedCluster::EmbeddedCluster(const ClusterOptions& options)
    : owner_pid_(::getpid()), settings_(options.settings) {
  for (const auto& [name, value] : settings_) check_setting(name, value);
  bin_dir_ = find_server_binaries(options.bin_dir);
  std::optional<OsUser> os_user = server_os_user();
  user_ = os_user ? os_user->name : "";
  root_dir_ = make_root_dir(options.parent_dir.value_or(default_parent_dir()), os_user);
  data_dir_ = root_dir_ / "data";
  register_cluster(this);
  try {
    // Before any option or setting is chosen: they depend on the version.
    version_ =
        probe_server_binaries(bin_dir_, os_user, root_dir_ / "postgres-version.log", root_dir_);
    settings_ = settings_for_version(version_, settings_);
    if (options.network_namespace)
      netns_ = std::make_unique<NetworkNamespace>(root_dir_ / "netns.log");
    if (options.fake_clock) fake_clock_ = std::make_unique<FakeClock>(root_dir_ / "faketime.rc");
    if (options.base_backup_of) {
      copy_from_primary(*options.base_backup_of);
      start_server(true);
      return;
    }
    fs::path log = root_dir_ / "initdb.log";
    ToolOutcome initdb = run_server_tool(initdb_arguments(version_, bin_dir_, data_dir_), os_user,
                                         log, root_dir_, seconds(180));
    if (!initdb.ok()) {
      throw ClusterError("initdb failed" + std::string(initdb.timed_out ? " (timed out)" : "") +
                         ": " + cause_with_kept_log(log, root_dir_, failure_cause(log)));
    }
    initdb_config_ = read_file(data_dir_ / "postgresql.conf");
    if (netns_) {
      // Clients reach a server in a namespace from the host end of the veth
      // pair, not from loopback: trusted like loopback, and nothing else.
      std::ofstream hba(data_dir_ / "pg_hba.conf", std::ios::app);
      hba << "host all all " << netns_->host_address() << "/32 trust\n";
      if (!hba) throw ClusterError((data_dir_ / "pg_hba.conf").string() + ": cannot write");
    }
    start_server(true);
  } catch (...) {
    discard();
    throw;
  }
}

EmbeddedCluster::~EmbeddedCluster() {
  if (!in_owner_process()) return;
  if (keep_ && running_) {
    unregister_cluster(this);
    std::string as = user_.empty() ? "" : "runuser -u " + user_ + " -- ";
    std::cerr << "isocheck: server kept running: psql \"" << conninfo() << "\"\n"
              << "isocheck: stop it with: " << as << (bin_dir_ / "pg_ctl").string() << " -D "
              << data_dir_.string() << " stop && rm -rf " << root_dir_.string() << "\n";
    return;
  }
  try {
    stop();
  } catch (const std::exception&) {
    // discard() below kills whatever stop() could not.
  }
  discard();
}

bool EmbeddedCluster::in_owner_process() const { return ::getpid() == owner_pid_; }

std::string EmbeddedCluster::conninfo(const std::string& dbname) const {
  std::string quoted = "'";
  for (char c : dbname) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return "host=" + listen_address() + " port=" + std::to_string(port_) +
         " user=postgres dbname=" + quoted + "'";
}

const std::string& EmbeddedCluster::listen_address() const {
  static const std::string loopback = "127.0.0.1";
  return netns_ ? netns_->server_address() : loopback;
}

void EmbeddedCluster::write_config(int port) {
  std::ostringstream conf;
  conf << initdb_config_ << "\n# Written by isocheck for a throwaway cluster; later lines win.\n"
       << "listen_addresses = '" << listen_address() << "'\n"
       << "port = " << port << "\n"
       << "unix_socket_directories = " << conf_quote(root_dir_.string()) << "\n";
  for (const auto& [name, value] : kThrowawaySettings) conf << name << " = " << value << "\n";
  for (const auto& [name, value] : settings_) conf << name << " = " << conf_quote(value) << "\n";
  std::ofstream out(data_dir_ / "postgresql.conf", std::ios::trunc);
  out << conf.str();
  out.close();
  if (!out) throw ClusterError((data_dir_ / "postgresql.conf").string() + ": cannot write");
}

bool EmbeddedCluster::pg_ctl(const std::vector<std::string>& args, seconds limit) {
  // In a namespace, `ip netns exec` (as root) runs pg_ctl there as the
  // server's user; the postmaster it starts stays in the namespace.
  std::vector<std::string> argv = netns_ ? netns_->exec_prefix(user_) : std::vector<std::string>{};
  for (const std::string& a :
       {(bin_dir_ / "pg_ctl").string(), std::string("-D"), data_dir_.string()})
    argv.push_back(a);
  argv.insert(argv.end(), args.begin(), args.end());
  std::optional<OsUser> as_user = netns_ ? std::nullopt : server_os_user();
  std::vector<std::string> env =
      fake_clock_ ? fake_clock_->environment() : std::vector<std::string>{};
  return run_server_tool(argv, as_user, root_dir_ / "pg_ctl.log", root_dir_, limit, env).ok();
}

void EmbeddedCluster::start_server(bool fresh_port) {
  fs::path log = root_dir_ / "server.log";
  for (int attempt = 1;; ++attempt) {
    if (fresh_port) port_ = free_loopback_port();
    write_config(port_);
    std::error_code ec;
    fs::remove(log, ec);
    if (pg_ctl({"-w", "-t", "60", "-l", log.string(), "start"}, seconds(90))) {
      running_ = true;
      return;
    }
    // pg_ctl may have given up waiting while the postmaster lives on.
    kill_postmaster();
    std::string text = read_file(log);
    bool retryable = false;
    for (const char* error : kRetryableStartErrors) {
      retryable = retryable || text.find(error) != std::string::npos;
    }
    if (!retryable || attempt == kStartAttempts) {
      std::string reason = server_failure_line(log);
      fs::path kept_log = log;
      if (reason.empty()) {
        kept_log = root_dir_ / "pg_ctl.log";
        reason = failure_cause(kept_log);
      }
      throw ClusterError("PostgreSQL server failed to start on port " + std::to_string(port_) +
                         ": " + cause_with_kept_log(kept_log, root_dir_, reason));
    }
    // Orphaned backends of a killed postmaster exit within moments of
    // noticing; there is nothing to wait on but time.
    std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt));
  }
}

void EmbeddedCluster::stop() {
  if (!in_owner_process() || !running_) return;
  running_ = false;
  if (std::optional<pid_t> pid = postmaster()) signal_process_tree(*pid, SIGCONT);
  if (pg_ctl({"-m", "fast", "-w", "-t", "30", "stop"}, seconds(45))) return;
  if (pg_ctl({"-m", "immediate", "-w", "-t", "10", "stop"}, seconds(20))) return;
  kill_postmaster();
}

void EmbeddedCluster::kill_postmaster() noexcept {
  std::optional<pid_t> pid = postmaster_pid(data_dir_);
  if (!pid || !process_alive(*pid)) return;
  ::kill(*pid, SIGKILL);
  // The postmaster is not our child: whoever inherited it reaps it. A new
  // postmaster refuses the data dir while the old pid exists, zombie or not,
  // so wait for it to vanish; a zombie nobody reaps only delays the restart
  // (see the retries in start_server).
  auto deadline = std::chrono::steady_clock::now() + seconds(5);
  while (::kill(*pid, 0) == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  while (process_alive(*pid) && std::chrono::steady_clock::now() < deadline + seconds(5)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void EmbeddedCluster::kill_server() {
  if (!in_owner_process()) throw ClusterError("kill_server: this process does not own the cluster");
  std::optional<pid_t> pid = postmaster_pid(data_dir_);
  if (!pid || !process_alive(*pid)) {
    throw ClusterError("kill_server: no live postmaster in " + data_dir_.string());
  }
  kill_postmaster();
  running_ = false;
}

void EmbeddedCluster::restart() {
  if (!in_owner_process()) throw ClusterError("restart: this process does not own the cluster");
  stop();
  start_server(false);
}

void EmbeddedCluster::pg_ctl_restart(const std::string& mode) {
  if (!in_owner_process()) throw ClusterError("restart: this process does not own the cluster");
  fs::path log = root_dir_ / "server.log";
  if (!pg_ctl({"-m", mode, "-w", "-t", "60", "-l", log.string(), "restart"}, seconds(90))) {
    running_ = postmaster().has_value();
    throw ClusterError("pg_ctl restart -m " + mode + " failed: " + server_failure_line(log));
  }
  running_ = true;
}

std::optional<pid_t> EmbeddedCluster::postmaster() const {
  std::optional<pid_t> pid = postmaster_pid(data_dir_);
  if (!pid || !process_alive(*pid)) return std::nullopt;
  // A killed postmaster leaves its pid file behind, and the pid may since
  // belong to another process: only one started on this data dir counts.
  std::string cmdline = read_proc_file("/proc/" + std::to_string(*pid) + "/cmdline");
  if (cmdline.find(data_dir_.string()) == std::string::npos) return std::nullopt;
  return pid;
}

void EmbeddedCluster::emergency_stop() noexcept {
  if (!in_owner_process() || keep_) return;
  shut_down_and_remove();
}

void EmbeddedCluster::discard() noexcept {
  // Still registered while it shuts down: a second signal arriving meanwhile
  // tears it down too (stop_registered_clusters) instead of exiting on a
  // half-removed cluster.
  shut_down_and_remove();
  unregister_cluster(this);
}

void EmbeddedCluster::shut_down_and_remove() noexcept {
  // A server the nemesis froze (SIGSTOP) would ignore pg_ctl's signals until
  // it timed out; resuming a running one changes nothing.
  if (std::optional<pid_t> pid = postmaster()) signal_process_tree(*pid, SIGCONT);
  try {
    if (postmaster_pid(data_dir_) &&
        !pg_ctl({"-m", "immediate", "-w", "-t", "10", "stop"}, seconds(20))) {
      kill_postmaster();
    }
  } catch (const std::exception&) {
    kill_postmaster();
  }
  // A server caught half-started has no pid file for pg_ctl to find.
  kill_processes_working_in(root_dir_);
  // After the server: a namespace still holding a process would outlive
  // its name.
  if (netns_) netns_->remove();
  // The owner thread and the signal thread (second signal) may both be
  // removing the directory, and the owner may still be writing a tool's log
  // into it: remove_all stops at the first entry the other removed first, or
  // fails on an entry created meanwhile. So go on until it is gone, giving
  // the other thread time to get out of the way (at most about 2 s).
  std::error_code ec;
  for (int attempt = 0; attempt < 200 && fs::exists(root_dir_, ec); ++attempt) {
    fs::remove_all(root_dir_, ec);
    if (fs::exists(root_dir_, ec)) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace isocheck::runner
