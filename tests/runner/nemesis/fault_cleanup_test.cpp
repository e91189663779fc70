// Nothing a fault did outlives the run: no frozen or orphaned server
// process, no temp directory — after success, after SIGTERM in the middle of
// a pause, and on the second-signal path that exits without unwinding.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "runner/cluster/child_command.h"
#include "runner/cluster/cleanup_on_signal.h"
#include "runner/cluster/embedded_cluster.h"
#include "runner/cluster/network_namespace.h"
#include "runner/cluster/proc_file.h"
#include "runner/cluster/process_tree.h"
#include "runner/cluster/replica_set.h"
#include "runner/nemesis/fault_injector.h"
#include "tests/runner/nemesis/faulted_run.h"
#include "tests/runner/nemesis/namespace_listing.h"

namespace isocheck::runner::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

// Processes whose command line mentions `path`: a postmaster started on a
// data dir in it (backends rewrite their command line, so they are checked
// by pid where the test knows them).
std::vector<pid_t> processes_under(const fs::path& path) {
  std::vector<pid_t> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    std::string name = entry.path().filename().string();
    if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0]))) continue;
    std::string cmdline = read_proc_file((entry.path() / "cmdline").string());
    if (cmdline.find(path.string()) != std::string::npos) found.push_back(std::stoi(name));
  }
  return found;
}

// The postmaster of the one cluster under `dir`, once it is stopped
// (SIGSTOP); nullopt if that does not happen within `cap`.
std::optional<pid_t> wait_for_paused_postmaster(const fs::path& dir, seconds cap) {
  auto deadline = std::chrono::steady_clock::now() + cap;
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::ifstream in(entry.path() / "data" / "postmaster.pid");
      long pid = 0;
      if (in >> pid && pid > 0 && process_state(static_cast<pid_t>(pid)) == 'T')
        return static_cast<pid_t>(pid);
    }
    std::this_thread::sleep_for(milliseconds(10));
  }
  return std::nullopt;
}

int wait_exit_code(pid_t pid, seconds cap) {
  auto deadline = std::chrono::steady_clock::now() + cap;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
    }
    std::this_thread::sleep_for(milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -1;
}

// Live postmasters of clusters under `dir` (one per node).
std::vector<pid_t> live_postmasters(const fs::path& dir) {
  std::vector<pid_t> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::ifstream in(entry.path() / "data" / "postmaster.pid");
    long pid = 0;
    if (in >> pid && pid > 0 && process_alive(static_cast<pid_t>(pid)))
      found.push_back(static_cast<pid_t>(pid));
  }
  return found;
}

bool await_postmasters(const fs::path& dir, size_t n, seconds cap) {
  auto deadline = std::chrono::steady_clock::now() + cap;
  while (std::chrono::steady_clock::now() < deadline) {
    if (live_postmasters(dir).size() >= n) return true;
    std::this_thread::sleep_for(milliseconds(20));
  }
  return false;
}

// The isocheck namespace whose network namespace `pid` lives in; "" if none.
std::string namespace_of(pid_t pid) {
  std::error_code ec;
  fs::path own = fs::read_symlink("/proc/" + std::to_string(pid) + "/ns/net", ec);
  for (const auto& entry : fs::directory_iterator("/run/netns", ec)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with("isocheck-")) continue;
    struct stat st {};
    if (::stat(entry.path().c_str(), &st) == 0 &&
        own.string() == "net:[" + std::to_string(st.st_ino) + "]")
      return name;
  }
  return "";
}

// A forked run under `faults` that the test interrupts with SIGTERM once
// `ready` holds; returns the child's exit code.
int run_until_sigterm(const ScratchDir& dir, RunOptions o, const std::function<bool()>& ready) {
  pid_t child = ::fork();
  if (child == 0) {
    install_signal_cleanup();
    int code = 0;
    try {
      code = run_workload(o).interrupted ? 0 : 4;
    } catch (const std::exception&) {
      code = 5;
    }
    std::_Exit(code);
  }
  bool was_ready = ready();
  ::kill(child, SIGTERM);
  int code = wait_exit_code(child, seconds(120));
  EXPECT_TRUE(was_ready) << dir.path();
  return code;
}

TEST(FaultCleanup, SigtermDuringPartitionsRemovesNamespaceLinkAndServer) {
  if (!can_create_network_namespaces()) GTEST_SKIP() << "partition needs root";
  ScratchDir dir("sigterm-partition");
  RunOptions o = faulted_run(dir, "partition,clock", milliseconds(300), seconds(300));
  std::string netns;
  int code = run_until_sigterm(dir, o, [&] {
    if (!await_postmasters(dir.path(), 1, seconds(90))) return false;
    netns = namespace_of(live_postmasters(dir.path()).front());
    return !netns.empty();
  });
  EXPECT_EQ(code, 0);
  EXPECT_FALSE(namespace_exists(netns)) << netns;
  EXPECT_FALSE(host_link_exists(netns)) << netns;
  EXPECT_TRUE(dir.leftovers({"history.pb"}).empty());
  EXPECT_TRUE(processes_under(dir.path()).empty());
}

TEST(FaultCleanup, SigtermDuringFailoversRemovesEveryNode) {
  ScratchDir dir("sigterm-failover");
  RunOptions o = faulted_run(dir, "failover", milliseconds(500), seconds(300));
  o.replicas = 2;
  // Interrupted once a failover has reached its rewind, with all three
  // nodes up again or coming up.
  int code = run_until_sigterm(dir, o, [&] {
    auto deadline = std::chrono::steady_clock::now() + seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
      std::error_code ec;
      for (const auto& node : fs::directory_iterator(dir.path(), ec))
        if (fs::exists(node.path() / "pg_rewind.log")) return true;
      std::this_thread::sleep_for(milliseconds(20));
    }
    return false;
  });
  EXPECT_EQ(code, 0);
  EXPECT_TRUE(dir.leftovers({"history.pb"}).empty());
  EXPECT_TRUE(processes_under(dir.path()).empty());
}

// A run that fails after its servers started (its history cannot be
// written) removes the namespace, the faketime file and every standby.
TEST(FaultCleanup, FailedRunRemovesNamespaceFaketimeAndStandbys) {
  ScratchDir dir("error");
  std::string faults = can_create_network_namespaces() ? "partition,clock" : "clock";
  RunOptions single = faulted_run(dir, faults, milliseconds(300), seconds(5));
  single.out = (dir.path() / "missing" / "history.pb").string();
  EXPECT_THROW(run_workload(single), RunError);
  RunOptions replicas = faulted_run(dir, "failover", milliseconds(300), seconds(5));
  replicas.replicas = 1;
  replicas.out = single.out;
  EXPECT_THROW(run_workload(replicas), RunError);
  EXPECT_TRUE(dir.leftovers({}).empty());
  EXPECT_TRUE(processes_under(dir.path()).empty());
}

// The second-signal path for the new server set-ups: the emergency stop
// removes the namespace (with its veth pair and rules) and the faketime file
// with the cluster, and every standby of a replica set.
TEST(FaultCleanup, EmergencyStopRemovesNamespaceFaketimeAndStandbys) {
  ScratchDir dir("emergency-new");
  ClusterOptions co;
  co.parent_dir = dir.path();
  co.fake_clock = true;
  co.network_namespace = can_create_network_namespaces();
  EmbeddedCluster cluster(co);
  std::string netns = cluster.network_namespace() ? cluster.network_namespace()->name() : "";
  if (!netns.empty()) cluster.network_namespace()->partition();
  ClusterOptions plain;
  plain.parent_dir = dir.path();
  ReplicaSet replicas(plain, 1, ReplicationMode::kAsync);
  ASSERT_EQ(live_postmasters(dir.path()).size(), 3u);
  stop_registered_clusters();
  EXPECT_TRUE(dir.leftovers({}).empty());
  EXPECT_TRUE(processes_under(dir.path()).empty());
  if (!netns.empty()) {
    EXPECT_FALSE(namespace_exists(netns));
    EXPECT_FALSE(host_link_exists(netns));
  }
}

TEST(FaultCleanup, SuccessfulRunWithKillsAndPausesLeavesNothing) {
  ScratchDir dir("success");
  RunOptions o = faulted_run(dir, "kill,pause", milliseconds(800), seconds(5));
  RunSummary s = run_workload(o);
  EXPECT_GT(s.faults, 0u);
  EXPECT_TRUE(dir.leftovers({"history.pb"}).empty());
  EXPECT_TRUE(processes_under(dir.path()).empty());
}

// SIGTERM while the server is frozen: the run heals the pause, finishes its
// history and removes the server.
TEST(FaultCleanup, SigtermDuringAPauseHealsAndRemovesTheServer) {
  ScratchDir dir("sigterm");
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    install_signal_cleanup();
    RunOptions o = faulted_run(dir, "pause", milliseconds(200), seconds(120));
    int code = 0;
    try {
      RunSummary s = run_workload(o);
      code = s.interrupted ? 0 : 4;
    } catch (const std::exception&) {
      code = 5;
    }
    std::_Exit(code);
  }
  std::optional<pid_t> paused = wait_for_paused_postmaster(dir.path(), seconds(90));
  ASSERT_TRUE(paused) << "the server was never paused";
  std::vector<pid_t> server = child_processes(*paused);
  server.push_back(*paused);
  ASSERT_EQ(::kill(child, SIGTERM), 0);
  EXPECT_EQ(wait_exit_code(child, seconds(90)), 0);
  EXPECT_TRUE(dir.leftovers({"history.pb"}).empty());
  EXPECT_TRUE(processes_under(dir.path()).empty());
  for (pid_t pid : server) EXPECT_FALSE(process_alive(pid)) << pid;
}

// The second signal exits without unwinding: the registered cluster's
// emergency stop must resume a frozen server before shutting it down.
TEST(FaultCleanup, EmergencyStopOfAPausedServerRemovesEverything) {
  ScratchDir dir("emergency");
  ClusterOptions co;
  co.parent_dir = dir.path();
  EmbeddedCluster cluster(co);
  NemesisTarget target{&cluster, cluster.conninfo(), "isocheck-x", "embedded"};
  auto pause = make_pause_fault(target);
  pause->start();
  std::optional<pid_t> paused = wait_for_paused_postmaster(dir.path(), seconds(5));
  ASSERT_TRUE(paused);
  std::vector<pid_t> server = child_processes(*paused);
  server.push_back(*paused);
  auto started = std::chrono::steady_clock::now();
  stop_registered_clusters();
  EXPECT_LT(std::chrono::steady_clock::now() - started, seconds(15)) << "waited on a frozen server";
  EXPECT_TRUE(dir.leftovers({}).empty());
  EXPECT_TRUE(processes_under(dir.path()).empty());
  // Backends notice their postmaster's death within moments; await it.
  auto deadline = std::chrono::steady_clock::now() + seconds(10);
  for (pid_t pid : server) {
    while (process_alive(pid) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(milliseconds(10));
    EXPECT_FALSE(process_alive(pid)) << pid;
  }
}

}  // namespace
}  // namespace isocheck::runner::testing
