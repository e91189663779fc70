// Test support for the isolation tests: a contended run_workload against the
// shared server, its history loaded and checked, and a bounded hunt for an
// anomaly that a level allows but a single short run may miss.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "checker/check/check_history.h"
#include "checker/formats/load_history.h"
#include "runner/run/run_workload.h"
#include "tests/support/anomaly_counts.h"

namespace isocheck::runner::testing {

// A fresh directory under the temp dir, removed with the object.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Options for a short, contended run on the shared server: 10 clients on 6
// active keys (bank: 8 accounts), at most 4 micro-ops each, quiet.
RunOptions contended_run(Workload workload, IsolationLevel isolation,
                         std::chrono::milliseconds duration, const std::string& out);

struct CheckedRun {
  RunSummary summary;
  LoadedHistory loaded;
  CheckResult result;  // for the models asked for
};

// Runs `options`, loads the history it wrote and checks it against `models`.
CheckedRun run_and_check(const RunOptions& options, const std::vector<std::string>& models);

// Checks an already loaded history again, against other models.
CheckResult check_again(const CheckedRun& run, const std::vector<std::string>& models);

// Runs `options` with seeds 1, 2, ... up to `max_runs` times until
// `found(result)` holds; returns the last run (the one that found it, if
// any) and sets `runs` to the number of runs made.
CheckedRun run_until_found(RunOptions options, const std::vector<std::string>& models,
                           const std::function<bool(const CheckResult&)>& found, int max_runs,
                           int& runs);

using isocheck::testing::count_of;
using isocheck::testing::beyond_known_serializable_g2;
using isocheck::testing::describe_counts;

}  // namespace isocheck::runner::testing
