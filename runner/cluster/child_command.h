// run_server_tool: runs one PostgreSQL server tool (initdb, pg_ctl) as a
// child process and waits for it, bounded in time.
//
// PostgreSQL refuses to run as root, so when the runner is root the tool runs
// as the unprivileged `postgres` account (see server_os_user()). The child's
// stdout and stderr are appended to a log file so that a failure can be
// reported by that log's last line. Only async-signal-safe calls happen
// between fork and exec, since the runner is multi-threaded.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace isocheck::runner {

// The account server tools run as.
struct OsUser {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
  std::string home;
};

// nullopt when the runner is not root (tools run as the current user); the
// `postgres` account when it is. Throws ClusterError when root and no such
// account exists.
std::optional<OsUser> server_os_user();

struct ToolOutcome {
  int exit_code = 0;       // the tool's exit status; 128+N when killed by signal N
  bool timed_out = false;  // killed by us after `time_limit`
  bool ok() const { return exit_code == 0 && !timed_out; }
};

// Runs argv (argv[0] an absolute path) in `work_dir`, as `as_user` when set,
// with output appended to `log_path` and `extra_env` (NAME=value) added to
// the environment. Throws ClusterError when the child cannot be created.
ToolOutcome run_server_tool(const std::vector<std::string>& argv,
                            const std::optional<OsUser>& as_user,
                            const std::filesystem::path& log_path,
                            const std::filesystem::path& work_dir, std::chrono::seconds time_limit,
                            const std::vector<std::string>& extra_env = {});

// The last non-blank line of a log file, trimmed; "" when there is none.
std::string last_log_line(const std::filesystem::path& log_path);

// Whether process `pid` still exists and is not a zombie (a killed
// postmaster is not our child and may wait for its parent to reap it).
bool process_alive(pid_t pid);

}  // namespace isocheck::runner
