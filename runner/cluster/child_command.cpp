#include "runner/cluster/child_command.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>

#include "runner/cluster/embedded_cluster.h"
#include "runner/cluster/proc_file.h"

extern char** environ;

namespace isocheck::runner {
namespace {

// Variables that would make a tool act on another cluster than the one named
// on its command line.
constexpr const char* kDroppedEnvironment[] = {
    "PGDATA=", "PGPORT=",  "PGHOST=",    "PGUSER=",    "HOME=",
    "USER=",   "LOGNAME=", "PGOPTIONS=", "PGDATABASE="};

bool dropped(const char* entry) {
  for (const char* prefix : kDroppedEnvironment) {
    if (std::strncmp(entry, prefix, std::strlen(prefix)) == 0) return true;
  }
  return false;
}

std::vector<std::string> child_environment(const std::optional<OsUser>& as_user) {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    if (!dropped(*e)) env.emplace_back(*e);
  }
  if (as_user) {
    env.push_back("HOME=" + as_user->home);
    env.push_back("USER=" + as_user->name);
    env.push_back("LOGNAME=" + as_user->name);
  } else if (const char* home = std::getenv("HOME")) {
    env.push_back(std::string("HOME=") + home);
  }
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// In the child: everything here must be async-signal-safe.
[[noreturn]] void exec_in_child(int log_fd, const char* work_dir, const OsUser* as_user,
                                char* const* argv, char* const* envp) {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);  // the runner blocks SIGINT/SIGTERM
  int devnull = ::open("/dev/null", O_RDONLY);
  if (devnull >= 0) ::dup2(devnull, 0);
  ::dup2(log_fd, 1);
  ::dup2(log_fd, 2);
  if (as_user != nullptr) {
    gid_t gid = as_user->gid;
    if (::setgroups(1, &gid) != 0 || ::setgid(as_user->gid) != 0 || ::setuid(as_user->uid) != 0) {
      static const char kMsg[] = "isocheck: cannot switch to the server's OS user\n";
      (void)!::write(2, kMsg, sizeof kMsg - 1);
      ::_exit(126);
    }
  }
  if (::chdir(work_dir) != 0) {
    static const char kMsg[] = "isocheck: the server's OS user cannot enter the cluster dir\n";
    (void)!::write(2, kMsg, sizeof kMsg - 1);
    ::_exit(126);
  }
  ::execve(argv[0], argv, envp);
  static const char kMsg[] = "isocheck: exec failed\n";
  (void)!::write(2, kMsg, sizeof kMsg - 1);
  ::_exit(127);
}

}  // namespace

std::optional<OsUser> server_os_user() {
  if (::geteuid() != 0) return std::nullopt;
  struct passwd pw {};
  struct passwd* found = nullptr;
  std::vector<char> buf(16384);
  if (::getpwnam_r("postgres", &pw, buf.data(), buf.size(), &found) != 0 || found == nullptr) {
    throw ClusterError(
        "running as root, but there is no `postgres` OS account to run the server as "
        "(PostgreSQL refuses to run as root)");
  }
  return OsUser{pw.pw_name, pw.pw_uid, pw.pw_gid, pw.pw_dir ? pw.pw_dir : "/"};
}

ToolOutcome run_server_tool(const std::vector<std::string>& argv,
                            const std::optional<OsUser>& as_user,
                            const std::filesystem::path& log_path,
                            const std::filesystem::path& work_dir, std::chrono::seconds time_limit,
                            const std::vector<std::string>& extra_env) {
  int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    throw ClusterError(log_path.string() + ": cannot open log: " + std::strerror(errno));
  }
  // Everything the child needs is built before fork: no allocation after it.
  std::vector<std::string> args = argv;
  std::vector<char*> c_argv = c_strings(args);
  std::vector<std::string> env = child_environment(as_user);
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> c_env = c_strings(env);
  std::string dir = work_dir.string();
  pid_t pid = ::fork();
  if (pid < 0) {
    int err = errno;
    ::close(log_fd);
    throw ClusterError(std::string("cannot fork to run ") + argv[0] + ": " + std::strerror(err));
  }
  if (pid == 0) {
    exec_in_child(log_fd, dir.c_str(), as_user ? &*as_user : nullptr, c_argv.data(), c_env.data());
  }
  ::close(log_fd);

  // Polling with a growing pause: the tools take milliseconds to seconds, and
  // waitpid has no timeout of its own.
  auto deadline = std::chrono::steady_clock::now() + time_limit;
  auto pause = std::chrono::milliseconds(1);
  ToolOutcome outcome;
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) {
      throw ClusterError(std::string("waiting for ") + argv[0] + ": " + std::strerror(errno));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      outcome.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) outcome.exit_code = 128 + WTERMSIG(status);
  return outcome;
}

std::string last_log_line(const std::filesystem::path& log_path) {
  std::ifstream in(log_path);
  std::string line;
  std::string last;
  while (std::getline(in, line)) {
    size_t begin = line.find_first_not_of(" \t\r");
    if (begin == std::string::npos) continue;
    size_t end = line.find_last_not_of(" \t\r");
    last = line.substr(begin, end - begin + 1);
  }
  return last;
}

bool process_alive(pid_t pid) {
  if (pid <= 0) return false;
  if (::kill(pid, 0) != 0) return errno == EPERM;
  std::string content = read_proc_file("/proc/" + std::to_string(pid) + "/stat");
  size_t paren = content.rfind(')');
  if (paren == std::string::npos || paren + 2 >= content.size()) return true;
  return content[paren + 2] != 'Z';
}

}  // namespace isocheck::runner
