// Worker processes of a multi-process run (`isocheck run --processes N`):
// forking them, telling them when to stop, collecting what they counted.
//
// Contract:
//  - Each worker runs `body(worker)` and exits 0, or 1 after printing one
//    line when body throws. The parent waits for every worker before
//    run_forked_workers returns (or throws).
//  - Workers stop when the parent sets the shared stop flag: a Ctrl-C sent
//    to the whole process group (or a SIGHUP from a closed terminal) must
//    not kill them before they record their in-flight transactions, so
//    they ignore SIGINT, SIGTERM and SIGHUP.
//  - Workers never outlive the parent: each asks the kernel for SIGKILL when
//    the parent dies (PR_SET_PDEATHSIG) and, since the parent may have died
//    between fork() and that request, exits when its parent is already
//    another process. A parent killed with SIGKILL therefore leaves no
//    worker running on past the deadline.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace isocheck::runner {

// What a worker hands back to the parent; lives in memory shared across fork.
struct WorkerReport {
  uint64_t ok, fail, info;
  int64_t max_generation;
  int64_t key_count;
};

// The stop flag and the workers' reports, in one anonymous shared mapping so
// that forked workers see the parent's stop and the parent sees their counts.
class SharedRunState {
 public:
  explicit SharedRunState(int workers);  // throws std::runtime_error
  ~SharedRunState();
  SharedRunState(const SharedRunState&) = delete;
  SharedRunState& operator=(const SharedRunState&) = delete;

  std::atomic<bool>& stop() { return *stop_; }
  WorkerReport& report(int worker) { return reports_[worker]; }
  int workers() const { return workers_; }

 private:
  int workers_;
  size_t bytes_;
  void* memory_;
  std::atomic<bool>* stop_;
  WorkerReport* reports_;
};

// The history file worker `worker` records into while the run lasts.
std::string shard_path(const std::string& out, int worker);

// Forks shared.workers() workers running `body`; `wait` runs in the parent
// while they work and returns whether a signal interrupted the run. Then
// sets the stop flag and waits for every worker. Throws std::runtime_error
// when a worker cannot be forked or failed.
void run_forked_workers(SharedRunState& shared, const std::function<void(int worker)>& body,
                        bool& interrupted, const std::function<bool()>& wait);

}  // namespace isocheck::runner
