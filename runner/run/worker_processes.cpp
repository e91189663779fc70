#include "runner/run/worker_processes.h"

#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <exception>
#include <new>
#include <stdexcept>
#include <vector>

namespace isocheck::runner {

SharedRunState::SharedRunState(int workers) : workers_(workers) {
  bytes_ = sizeof(std::atomic<bool>) + sizeof(WorkerReport) * static_cast<size_t>(workers) + 64;
  memory_ = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory_ == MAP_FAILED)
    throw std::runtime_error("cannot map memory shared with worker processes");
  stop_ = new (memory_) std::atomic<bool>(false);
  reports_ = reinterpret_cast<WorkerReport*>(static_cast<char*>(memory_) + 64);
  for (int i = 0; i < workers; ++i) reports_[i] = WorkerReport{};
}

SharedRunState::~SharedRunState() { ::munmap(memory_, bytes_); }

std::string shard_path(const std::string& out, int worker) {
  return fmt::format("{}.shard{}", out, worker);
}

namespace {

void wait_for_all(const std::vector<pid_t>& pids) {
  for (pid_t p : pids) {
    while (::waitpid(p, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
}

[[noreturn]] void run_worker(int worker, pid_t parent, const std::function<void(int)>& body) {
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent) ::_exit(1);
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGTERM, SIG_IGN);
  std::signal(SIGHUP, SIG_IGN);
  int status = 0;
  try {
    body(worker);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "isocheck: worker %d: %s\n", worker, e.what());
    status = 1;
  }
  std::fflush(nullptr);
  ::_exit(status);
}

}  // namespace

void run_forked_workers(SharedRunState& shared, const std::function<void(int)>& body,
                        bool& interrupted, const std::function<bool()>& wait) {
  const pid_t parent = ::getpid();
  std::vector<pid_t> pids;
  for (int w = 0; w < shared.workers(); ++w) {
    std::fflush(nullptr);
    pid_t pid = ::fork();
    if (pid < 0) {
      shared.stop().store(true);
      wait_for_all(pids);
      throw std::runtime_error("cannot fork worker process");
    }
    if (pid == 0) run_worker(w, parent, body);
    pids.push_back(pid);
  }
  try {
    interrupted = wait();
  } catch (...) {
    shared.stop().store(true);
    wait_for_all(pids);
    throw;
  }
  shared.stop().store(true);
  int failed = 0;
  for (pid_t p : pids) {
    int status = 0;
    while (::waitpid(p, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
  }
  if (failed > 0)
    throw std::runtime_error(fmt::format("{} of {} worker processes failed", failed, pids.size()));
}

}  // namespace isocheck::runner
