#include "tests/runner/isolation/checked_run.h"

#include <unistd.h>

#include <atomic>

#include "tests/runner/isolation/shared_cluster.h"

namespace isocheck::runner::testing {

ScratchDir::ScratchDir(const std::string& name) {
  static std::atomic<int> serial{0};
  path_ =
      std::filesystem::temp_directory_path() / ("isocheck-isolation-" + std::to_string(::getpid()) +
                                                "-" + std::to_string(serial++) + "-" + name);
  std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

RunOptions contended_run(Workload workload, IsolationLevel isolation,
                         std::chrono::milliseconds duration, const std::string& out) {
  RunOptions o;
  o.dsn = shared_cluster_dsn();
  o.workload = workload;
  o.isolation = isolation;
  o.duration = duration;
  o.clients = 10;
  o.generator.active_keys = 6;
  o.generator.max_ops_per_txn = 4;
  o.out = out;
  o.quiet = true;
  return o;
}

CheckedRun run_and_check(const RunOptions& options, const std::vector<std::string>& models) {
  CheckedRun run;
  run.summary = run_workload(options);
  run.loaded = load_history(run.summary.history_path);
  run.result = check_again(run, models);
  return run;
}

CheckResult check_again(const CheckedRun& run, const std::vector<std::string>& models) {
  CheckOptions o;
  o.models = models;
  return check_history(run.loaded.history, o);
}

CheckedRun run_until_found(RunOptions options, const std::vector<std::string>& models,
                           const std::function<bool(const CheckResult&)>& found, int max_runs,
                           int& runs) {
  CheckedRun run;
  for (runs = 1; runs <= max_runs; ++runs) {
    options.generator.seed = static_cast<uint64_t>(runs);
    run = run_and_check(options, models);
    if (found(run.result)) break;
  }
  runs = std::min(runs, max_runs);
  return run;
}

}  // namespace isocheck::runner::testing
