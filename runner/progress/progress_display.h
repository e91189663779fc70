// ProgressDisplay: the one-line live status of `isocheck run` on a terminal.
//
//   [  12.0s elapsed,  48.0s left]  1234 txn/s  ok 9001  fail 120  info 3  aborts 1.3%
//
// A run in epochs adds what its online checker has done so far:
//   ...  aborts 1.3%  epochs 3 checked, 0 anomalies
//
// Clients bump the counters (relaxed atomics: a counter add per transaction
// and nothing else on the hot path). A background thread redraws the line in
// place with \r at most five times a second, and only when the output is a
// terminal and the display is not quiet — redirected output is not filled
// with carriage returns. finish() stops the thread and prints the final line
// (also when not a terminal, unless quiet).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace isocheck::runner {

// What the run intends; whichever is set gives "left". A duration gives the
// time left; a transaction count gives the time left at the current rate.
struct ProgressPlan {
  std::optional<std::chrono::steady_clock::duration> duration;
  std::optional<uint64_t> transactions;
};

struct ProgressCounts {
  uint64_t ok = 0;
  uint64_t fail = 0;
  uint64_t info = 0;
  uint64_t total() const { return ok + fail + info; }
};

// What the online checker of a run in epochs has done so far.
struct CheckTally {
  uint64_t epochs = 0;     // checked
  uint64_t anomalies = 0;  // found in them
};

// The status line for `counts` after `elapsed`; no \r, no newline.
std::string format_progress_line(const ProgressPlan& plan, const ProgressCounts& counts,
                                 std::chrono::steady_clock::duration elapsed,
                                 std::optional<CheckTally> checked = std::nullopt);

class ProgressDisplay {
 public:
  static constexpr std::chrono::milliseconds kRedrawInterval{200};

  // Starts the clock, and the redraw thread when `out` is a terminal and not
  // `quiet`.
  ProgressDisplay(ProgressPlan plan, bool quiet, std::FILE* out = stdout);
  ~ProgressDisplay();  // finish()
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;

  void add_ok() { ok_.fetch_add(1, std::memory_order_relaxed); }
  void add_fail() { fail_.fetch_add(1, std::memory_order_relaxed); }
  void add_info() { info_.fetch_add(1, std::memory_order_relaxed); }
  // The online checker's tally (runs with epochs); shown from the first call.
  void set_checked(uint64_t epochs, uint64_t anomalies) {
    anomalies_.store(anomalies, std::memory_order_relaxed);
    epochs_checked_.store(epochs, std::memory_order_relaxed);
    checking_.store(true, std::memory_order_relaxed);
  }

  ProgressCounts counts() const;
  bool live() const { return live_; }

  // Stops redrawing and prints the final line with a newline. Idempotent.
  void finish();

 private:
  void redraw_periodically();
  void draw(bool final_line);

  ProgressPlan plan_;
  bool quiet_;
  std::FILE* out_;
  bool live_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<uint64_t> ok_{0};
  std::atomic<uint64_t> fail_{0};
  std::atomic<uint64_t> info_{0};
  std::atomic<bool> checking_{false};
  std::atomic<uint64_t> epochs_checked_{0};
  std::atomic<uint64_t> anomalies_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool finished_ = false;
  std::thread redrawer_;
};

}  // namespace isocheck::runner
