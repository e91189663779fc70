// Why PgBouncer is configured as it is:
// - auth_type = trust with a one-line auth file: the throwaway server
//   behind it trusts loopback logins already; PgBouncer still wants every
//   user named in its auth file.
// - default_pool_size: in session mode every client keeps a server
//   connection, so the pool has room for all of them plus the run's own
//   (table set-up, final read). In transaction mode half as many server
//   connections as clients, so transactions really share them — the
//   configuration a pooler exists for.
// - server_reset_query_always = 1 in transaction mode: DISCARD ALL after
//   every transaction, so no session state (a SET, a prepared statement)
//   leaks from one client to the next through a shared server connection.
//   A client's session-level SET is then lost for certain rather than
//   now and then, which the effective-isolation check makes visible.
// - ignore_startup_parameters = extra_float_digits: libpq-based tools send
//   it; PgBouncer 1.18 refuses unknown startup parameters otherwise.
// - unix_socket_dir empty: TCP on 127.0.0.1 only, like the server.
#include "runner/cluster/pgbouncer.h"

#include <libpq-fe.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <thread>

#include "runner/cluster/child_command.h"
#include "runner/cluster/failed_tool_log.h"
#include "runner/cluster/free_port.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;

struct PoolModeName {
  PoolMode mode;
  std::string_view name;
};
constexpr std::array<PoolModeName, 2> kPoolModes = {{
    {PoolMode::kSession, "session"},
    {PoolMode::kTransaction, "transaction"},
}};

// Where Debian's package (and most others) install it.
constexpr const char* kPgBouncerPaths[] = {"/usr/sbin/pgbouncer", "/usr/bin/pgbouncer",
                                           "/usr/local/bin/pgbouncer"};

constexpr std::chrono::seconds kStartLimit{20};

fs::path find_pgbouncer() {
  for (const char* path : kPgBouncerPaths)
    if (::access(path, X_OK) == 0) return path;
  throw ClusterError(
      "pgbouncer is not installed (apt-get install pgbouncer; scripts/install-deps.sh does)");
}

std::optional<pid_t> read_pid(const fs::path& pidfile) {
  std::ifstream in(pidfile);
  long pid = 0;
  if (!(in >> pid) || pid <= 0) return std::nullopt;
  return static_cast<pid_t>(pid);
}

// Waits (bounded) until `pid` is gone; true when it is.
bool await_exit(pid_t pid, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (process_alive(pid)) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace

std::optional<PoolMode> parse_pool_mode(std::string_view name) {
  for (const PoolModeName& m : kPoolModes)
    if (m.name == name) return m.mode;
  return std::nullopt;
}

std::string_view pool_mode_name(PoolMode mode) {
  for (const PoolModeName& m : kPoolModes)
    if (m.mode == mode) return m.name;
  return "";
}

PgBouncer::PgBouncer(const EmbeddedCluster& server, PoolMode mode, int clients) : mode_(mode) {
  fs::path binary = find_pgbouncer();
  std::optional<OsUser> os_user = server_os_user();
  dir_ = server.data_dir().parent_path() / "pgbouncer";
  std::error_code ec;
  fs::create_directory(dir_, ec);
  if (ec) throw ClusterError(dir_.string() + ": cannot create: " + ec.message());
  if (os_user && ::chown(dir_.c_str(), os_user->uid, os_user->gid) != 0)
    throw ClusterError(dir_.string() + ": cannot hand it to user " + os_user->name);

  fs::path log = dir_ / "pgbouncer.log";
  ToolOutcome version = run_server_tool({binary.string(), "--version"}, os_user,
                                        dir_ / "version.log", dir_, std::chrono::seconds(10));
  std::ifstream version_text(dir_ / "version.log");
  std::getline(version_text, version_);
  if (!version.ok()) throw ClusterError(binary.string() + " --version failed: " + version_);

  port_ = free_loopback_port();
  int pool = mode == PoolMode::kSession ? clients + 10 : std::max(2, clients / 2);
  {
    std::ofstream auth(dir_ / "userlist.txt");
    auth << "\"postgres\" \"\"\n";
    std::ofstream ini(dir_ / "pgbouncer.ini");
    ini << "[databases]\n* = host=127.0.0.1 port=" << server.port() << "\n\n[pgbouncer]\n"
        << "listen_addr = 127.0.0.1\nlisten_port = " << port_ << "\nunix_socket_dir =\n"
        << "auth_type = trust\nauth_file = " << (dir_ / "userlist.txt").string() << "\n"
        << "pool_mode = " << pool_mode_name(mode) << "\n"
        << "max_client_conn = " << clients + 100 << "\ndefault_pool_size = " << pool << "\n"
        << "ignore_startup_parameters = extra_float_digits\n"
        << "server_reset_query = DISCARD ALL\nserver_reset_query_always = "
        << (mode == PoolMode::kTransaction ? 1 : 0) << "\n"
        << "logfile = " << log.string() << "\npidfile = " << (dir_ / "pgbouncer.pid").string()
        << "\n";
    if (!ini || !auth) throw ClusterError(dir_.string() + ": cannot write pgbouncer's config");
  }
  for (const char* file : {"userlist.txt", "pgbouncer.ini"})
    if (os_user && ::chown((dir_ / file).c_str(), os_user->uid, os_user->gid) != 0)
      throw ClusterError((dir_ / file).string() + ": cannot hand it to user " + os_user->name);

  ToolOutcome started = run_server_tool({binary.string(), "-d", (dir_ / "pgbouncer.ini").string()},
                                        os_user, dir_ / "start.log", dir_, kStartLimit);
  auto deadline = std::chrono::steady_clock::now() + kStartLimit;
  bool ready = false;
  while (started.ok() && !ready && std::chrono::steady_clock::now() < deadline) {
    ready = PQping((conninfo() + " connect_timeout=2").c_str()) == PQPING_OK;
    if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (!ready) {
    fs::path why = fs::exists(log) ? log : dir_ / "start.log";
    std::string cause = failure_cause(why);
    stop();
    throw ClusterError("pgbouncer did not start on port " + std::to_string(port_) + ": " +
                       cause_with_kept_log(why, server.data_dir().parent_path(), cause));
  }
}

PgBouncer::~PgBouncer() { stop(); }

void PgBouncer::stop() noexcept {
  std::optional<pid_t> pid = read_pid(dir_ / "pgbouncer.pid");
  if (!pid || !process_alive(*pid)) return;
  // SIGTERM: PgBouncer closes every connection and exits at once.
  ::kill(*pid, SIGTERM);
  if (await_exit(*pid, std::chrono::seconds(5))) return;
  ::kill(*pid, SIGKILL);
  await_exit(*pid, std::chrono::seconds(5));
}

std::string PgBouncer::conninfo() const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=postgres";
}

}  // namespace isocheck::runner
