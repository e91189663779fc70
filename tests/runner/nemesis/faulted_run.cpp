#include "tests/runner/nemesis/faulted_run.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>

#include "runner/nemesis/fault_kind.h"

namespace isocheck::runner::testing {

ScratchDir::ScratchDir(const std::string& name) {
  static std::atomic<int> serial{0};
  path_ =
      std::filesystem::temp_directory_path() / ("isocheck-nemesis-" + std::to_string(::getpid()) +
                                                "-" + std::to_string(serial++) + "-" + name);
  std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::vector<std::string> ScratchDir::leftovers(const std::vector<std::string>& expected) const {
  std::vector<std::string> left;
  for (const auto& entry : std::filesystem::directory_iterator(path_)) {
    std::string name = entry.path().filename().string();
    if (std::find(expected.begin(), expected.end(), name) == expected.end()) left.push_back(name);
  }
  return left;
}

RunOptions faulted_run(const ScratchDir& dir, const std::string& faults,
                       std::chrono::milliseconds interval, std::chrono::milliseconds duration,
                       IsolationLevel isolation) {
  RunOptions o;
  o.cluster.parent_dir = dir.path();
  o.workload = Workload::kListAppend;
  o.isolation = isolation;
  o.duration = duration;
  o.clients = 10;
  o.generator.active_keys = 6;
  o.generator.max_ops_per_txn = 4;
  o.generator.seed = 7;
  o.out = dir.file("history.pb");
  o.quiet = true;
  if (!faults.empty()) o.nemesis.kinds = parse_fault_kinds(faults);
  o.nemesis.interval = interval;
  return o;
}

CheckedRun run_and_check(const RunOptions& options, const std::vector<std::string>& models) {
  CheckedRun run;
  run.summary = run_workload(options);
  run.loaded = load_history(run.summary.history_path);
  CheckOptions o;
  o.models = models;
  run.result = check_history(run.loaded.history, o);
  return run;
}

size_t fault_starts(const History& h, const std::string& kind) {
  return static_cast<size_t>(std::count_if(h.faults.begin(), h.faults.end(), [&](const Fault& f) {
    return f.kind == kind && f.phase == FaultPhase::kStart;
  }));
}

}  // namespace isocheck::runner::testing
