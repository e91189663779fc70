// Nemesis: the scheduler that injects faults into the server while the
// workload runs, records each fault's start and heal in the history, and
// heals whatever it broke on every way out.
//
// Schedule: wait an interval drawn uniformly from [interval/2, 3*interval/2]
// (seeded: the same seed gives the same schedule), pick one of the kinds at
// random, record its start, inject it, hold it for the kind's hold time,
// heal it, record the heal — then wait again. Faults never overlap: each is
// healed before the next starts.
//
// Clean-up: stop() (also called by the destructor) ends the current hold at
// once and heals the active fault before returning. A fault that cannot be
// injected or healed ends the schedule: error() then names it and `failed`
// (the flag given at construction) turns true so the run can stop early.
// The second SIGINT/SIGTERM path, which exits without unwinding, relies on
// EmbeddedCluster's emergency stop (it resumes a paused server before
// shutting it down and removes its directory).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "runner/nemesis/fault_injector.h"
#include "runner/nemesis/fault_kind.h"
#include "runner/record/history_recorder.h"

namespace isocheck::runner {

struct NemesisOptions {
  std::vector<FaultKind> kinds;  // empty: no nemesis
  std::chrono::milliseconds interval{5000};
  uint64_t seed = 0;
};

class Nemesis {
 public:
  // Builds one injector per kind; throws FaultError when a kind cannot act
  // on `target` (e.g. kill without the embedded server).
  Nemesis(const NemesisOptions& options, const NemesisTarget& target, HistoryRecorder& recorder,
          std::atomic<bool>& failed);
  ~Nemesis();
  Nemesis(const Nemesis&) = delete;
  Nemesis& operator=(const Nemesis&) = delete;

  void start();
  // Heals the active fault, if any, and ends the schedule. Idempotent.
  void stop();

  // Faults started so far.
  uint64_t faults_started() const { return started_.load(); }
  // Why the schedule ended early; empty when it did not.
  std::string error() const;

 private:
  void run();
  // Sleeps up to `d`; false when stop() interrupted it.
  bool wait(std::chrono::milliseconds d);
  void inject(size_t which, std::chrono::milliseconds hold);
  void record(FaultKind kind, bool heal, const std::string& detail);

  NemesisOptions options_;
  NemesisTarget target_;
  HistoryRecorder& recorder_;
  std::atomic<bool>& failed_;
  std::vector<std::unique_ptr<FaultInjector>> injectors_;  // parallel to options_.kinds
  std::atomic<uint64_t> started_{0};
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::string error_;
  std::thread thread_;
};

}  // namespace isocheck::runner
