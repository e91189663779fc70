#include "runner/cluster/stray_processes.h"

#include <signal.h>
#include <unistd.h>

#include <cctype>
#include <string>
#include <thread>
#include <vector>

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;

// Whether `cwd` (as /proc shows it: " (deleted)" appended once the
// directory is gone) is `dir` or inside it.
bool inside(std::string cwd, const std::string& dir) {
  constexpr std::string_view kDeleted = " (deleted)";
  if (cwd.ends_with(kDeleted)) cwd.resize(cwd.size() - kDeleted.size());
  return cwd == dir || (cwd.starts_with(dir) && cwd[dir.size()] == '/');
}

}  // namespace

std::vector<pid_t> processes_working_in(const std::string& dir) {
  std::vector<pid_t> found;
  const pid_t self = ::getpid();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0]))) continue;
    std::error_code link_ec;
    fs::path cwd = fs::read_symlink(entry.path() / "cwd", link_ec);
    if (link_ec) continue;  // gone, a kernel thread, or not ours to see
    pid_t pid = static_cast<pid_t>(std::stol(name));
    if (pid != self && inside(cwd.string(), dir)) found.push_back(pid);
  }
  return found;
}

size_t kill_processes_working_in(const fs::path& dir, std::chrono::milliseconds limit) {
  const std::string root = dir.lexically_normal().string();
  if (root.empty() || root == "/") return 0;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  size_t killed = 0;
  while (true) {
    std::vector<pid_t> pids = processes_working_in(root);
    if (pids.empty() || std::chrono::steady_clock::now() >= deadline) return killed;
    for (pid_t pid : pids) killed += ::kill(pid, SIGKILL) == 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace isocheck::runner
