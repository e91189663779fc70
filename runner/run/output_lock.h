// OutputLock: the `--out` file of one run, claimed for the run's length.
//
// Two runs given the same --out must not both write the file (each
// truncating and interleaving the other's records, so that both histories
// are lost). A run therefore takes an exclusive lock (flock) on
// "<out>.lock" before it writes anything; while another live run holds it,
// construction throws with one line naming that run's pid, and the second
// run ends at once without touching <out>. The run records straight into
// <out> as before — a killed run still leaves a history readable up to the
// cut (history_recorder.h) — and a lock dies with its process, so a killed
// run never blocks the next one. The lock file is removed when the run
// ends; a killed run leaves it behind, empty of meaning, for the next run
// to take over.
#pragma once

#include <string>

namespace isocheck::runner {

class OutputLock {
 public:
  // Throws std::runtime_error (one line) when another run holds `out` or the
  // lock file cannot be created.
  explicit OutputLock(const std::string& out);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  std::string lock_path_;
  int fd_ = -1;
};

}  // namespace isocheck::runner
