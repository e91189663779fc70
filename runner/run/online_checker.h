// OnlineChecker: checks each closed epoch of a run on its own thread (the
// second core) while the clients run the next, reading the epoch back from
// the history file (EpochSegmentReader) and releasing it once checked, so
// the run's memory stays flat however long it runs.
//
// Contract: epoch_closed() is called after each CLOSED mark is in the file
// (HistoryRecorder::record_epoch flushes it). The thread checks epochs in
// order, publishes its tally to the progress line, and with
// `stop_on_violation` raises `violation()` at the first epoch whose verdict
// is invalid for the requested models. finish() is called once the
// recorder is closed: it checks whatever is left — epochs not yet checked,
// then the final reads after the last epoch (EpochStreamChecker::
// check_after_run) — and returns the union of all verdicts. An error of
// the thread (an unreadable file) is rethrown by finish().
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

#include "checker/check/check_history.h"
#include "checker/stream/epoch_segment_reader.h"
#include "checker/stream/epoch_stream_checker.h"
#include "runner/progress/progress_display.h"

namespace isocheck::runner {

class OnlineChecker {
 public:
  // `path`: the history being recorded (its header must be in it already).
  OnlineChecker(const std::string& path, const CheckOptions& options, bool stop_on_violation,
                ProgressDisplay* progress);
  ~OnlineChecker();  // stops the thread without checking the rest
  OnlineChecker(const OnlineChecker&) = delete;
  OnlineChecker& operator=(const OnlineChecker&) = delete;

  void epoch_closed();
  bool violation() const { return violation_.load(); }
  // The first epoch found invalid (meaningful once violation()).
  uint64_t violation_epoch() const { return violation_epoch_.load(); }
  // The most closed epochs that ever waited unchecked at a boundary: 0 or 1
  // means the checker kept up (each epoch checked before the next closed).
  uint64_t max_backlog() const { return max_backlog_.load(); }
  uint64_t epochs_checked() const { return checked_.load(); }

  const CheckResult& finish();

 private:
  void run();

  EpochSegmentReader reader_;
  EpochStreamChecker checker_;
  const bool stop_on_violation_;
  ProgressDisplay* progress_;
  std::mutex mutex_;
  std::condition_variable wake_;
  uint64_t closed_ = 0;
  bool finishing_ = false;
  bool quit_ = false;
  std::atomic<uint64_t> checked_{0};
  std::atomic<bool> violation_{false};
  std::atomic<uint64_t> violation_epoch_{0};
  std::atomic<uint64_t> max_backlog_{0};
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace isocheck::runner
