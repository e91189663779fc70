// Test support for the nemesis tests: a run_workload against its own
// throwaway server (under a scratch directory, so the test can see that
// nothing is left behind) with faults, its history loaded and checked.
#pragma once

#include <chrono>
#include <filesystem>
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

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // Entries other than the given file names (what a run left behind).
  std::vector<std::string> leftovers(const std::vector<std::string>& expected) const;

 private:
  std::filesystem::path path_;
};

// A contended list-append run (10 clients, 6 active keys, at most 4
// micro-ops) on a throwaway server whose temp dir is `dir`, with `faults`
// every `interval`.
RunOptions faulted_run(const ScratchDir& dir, const std::string& faults,
                       std::chrono::milliseconds interval, std::chrono::milliseconds duration,
                       IsolationLevel isolation = IsolationLevel::kSerializable);

struct CheckedRun {
  RunSummary summary;
  LoadedHistory loaded;
  CheckResult result;
};

CheckedRun run_and_check(const RunOptions& options, const std::vector<std::string>& models);

using isocheck::testing::count_of;
using isocheck::testing::beyond_known_serializable_g2;
using isocheck::testing::describe_counts;
// Fault starts of `kind` in the history.
size_t fault_starts(const History& h, const std::string& kind);

}  // namespace isocheck::runner::testing
