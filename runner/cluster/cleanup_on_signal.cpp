#include "runner/cluster/cleanup_on_signal.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "runner/cluster/embedded_cluster.h"

namespace isocheck::runner {
namespace {

std::atomic<bool> g_stop_requested{false};
// The process whose waiting thread exists; 0 when none. A forked child sees
// its parent's pid here, so it can install its own thread.
std::atomic<pid_t> g_waiter_pid{0};
// The process that registered clusters; the atexit hook acts only there.
std::atomic<pid_t> g_registry_pid{0};
// Set once the second signal has arrived: the signal thread is tearing the
// clusters down and will end the process with 128 + signal number.
std::atomic<bool> g_forced_exit{false};

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}

std::vector<EmbeddedCluster*>& registry() {
  static std::vector<EmbeddedCluster*> clusters;
  return clusters;
}

sigset_t interrupt_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  // A closed terminal or a dropped ssh session: the run must still clean up.
  sigaddset(&set, SIGHUP);
  return set;
}

void write_stderr(const char* text) {
  size_t len = 0;
  while (text[len] != '\0') ++len;
  (void)!::write(2, text, len);
}

void wait_for_signals() {
  sigset_t set = interrupt_signals();
  int signo = 0;
  while (sigwait(&set, &signo) != 0) {
  }
  g_stop_requested = true;
  write_stderr("\nisocheck: interrupted; finishing up (interrupt again to stop at once)\n");
  while (sigwait(&set, &signo) != 0) {
  }
  g_forced_exit = true;
  write_stderr("isocheck: stopping the server and exiting\n");
  stop_registered_clusters();
  ::_exit(128 + signo);
}

void unblock_in_child() {
  sigset_t set = interrupt_signals();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

void stop_at_exit() {
  // The owner thread, its start aborted by the teardown, may reach exit()
  // while the signal thread is still stopping the servers: exiting now would
  // cut the teardown short and report the owner's exit code instead of the
  // signal's. The signal thread's _exit ends this wait.
  if (g_forced_exit.load()) {
    while (true) ::pause();
  }
  if (g_registry_pid.load() == ::getpid()) stop_registered_clusters();
}

}  // namespace

void install_signal_cleanup() {
  pid_t self = ::getpid();
  if (g_waiter_pid.exchange(self) == self) return;
  static std::once_flag atfork_once;
  std::call_once(atfork_once, [] { pthread_atfork(nullptr, nullptr, &unblock_in_child); });
  sigset_t set = interrupt_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread(wait_for_signals).detach();
}

bool stop_requested() { return g_stop_requested.load(std::memory_order_relaxed); }
void request_stop() { g_stop_requested = true; }
void clear_stop_request() { g_stop_requested = false; }

void register_cluster(EmbeddedCluster* cluster) {
  static std::once_flag atexit_once;
  std::call_once(atexit_once, [] {
    // Constructed before the hook is registered, so destroyed after it runs.
    registry_mutex();
    registry();
    std::atexit(&stop_at_exit);
  });
  std::lock_guard lock(registry_mutex());
  g_registry_pid = ::getpid();
  registry().push_back(cluster);
}

void unregister_cluster(EmbeddedCluster* cluster) {
  std::lock_guard lock(registry_mutex());
  auto& clusters = registry();
  clusters.erase(std::remove(clusters.begin(), clusters.end(), cluster), clusters.end());
}

void stop_registered_clusters() noexcept {
  std::lock_guard lock(registry_mutex());
  // Each cluster checks that this process owns it before touching it.
  for (EmbeddedCluster* cluster : registry()) cluster->emergency_stop();
  registry().clear();
}

}  // namespace isocheck::runner
