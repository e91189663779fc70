#include "runner/cluster/process_tree.h"

#include <signal.h>

#include <cctype>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>

#include "runner/cluster/proc_file.h"

namespace isocheck::runner {
namespace {

// The 4th field of /proc/<pid>/stat, after "pid (comm) state": the command
// name may hold spaces and parentheses, so parse from its last ')'.
pid_t parent_of(const std::filesystem::path& stat_file) {
  std::string text = read_proc_file(stat_file.string());
  size_t close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream rest(text.substr(close + 1));
  std::string state;
  long ppid = 0;
  if (!(rest >> state >> ppid)) return 0;
  return static_cast<pid_t>(ppid);
}

}  // namespace

std::vector<pid_t> child_processes(pid_t parent) {
  std::vector<pid_t> children;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0]))) continue;
    if (parent_of(entry.path() / "stat") == parent) children.push_back(std::stoi(name));
  }
  return children;
}

std::vector<pid_t> signal_process_tree(pid_t root, int signo) {
  std::vector<pid_t> signalled;
  if (::kill(root, signo) == 0) signalled.push_back(root);
  for (pid_t child : child_processes(root))
    if (::kill(child, signo) == 0) signalled.push_back(child);
  return signalled;
}

char process_state(pid_t pid) {
  std::string text = read_proc_file("/proc/" + std::to_string(pid) + "/stat");
  size_t close = text.rfind(')');
  return close == std::string::npos || close + 2 >= text.size() ? '?' : text[close + 2];
}

size_t await_stopped(const std::vector<pid_t>& pids, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (true) {
    size_t stopped = 0, settled = 0;
    for (pid_t pid : pids) {
      char state = process_state(pid);
      stopped += state == 'T';
      settled += state == 'T' || state == '?' || state == 'Z' || state == 'X';
    }
    if (settled == pids.size() || std::chrono::steady_clock::now() >= deadline) return stopped;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

}  // namespace isocheck::runner
