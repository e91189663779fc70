#include "runner/run/online_checker.h"

#include <malloc.h>

#include <stdexcept>

namespace isocheck::runner {
namespace {

constexpr int kOwnMappingBytes = 256 << 10;

}  // namespace

OnlineChecker::OnlineChecker(const std::string& path, const CheckOptions& options,
                             bool stop_on_violation, ProgressDisplay* progress)
    : reader_(path), checker_(options), stop_on_violation_(stop_on_violation), progress_(progress) {
  if (progress_) progress_->set_checked(0, 0);
  // An epoch's History lives in a few large arrays. glibc maps blocks that
  // large on their own, but raises that threshold each time one is freed,
  // after which they come from the arenas and fragment them: a run's memory
  // then creeps up epoch after epoch. A fixed threshold keeps every large
  // block mapped on its own and returned whole when freed.
  mallopt(M_MMAP_THRESHOLD, kOwnMappingBytes);
  thread_ = std::thread(&OnlineChecker::run, this);
}

OnlineChecker::~OnlineChecker() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OnlineChecker::epoch_closed() {
  uint64_t backlog;
  {
    std::lock_guard lock(mutex_);
    ++closed_;
    backlog = closed_ - checked_.load();
  }
  if (backlog > max_backlog_.load()) max_backlog_.store(backlog);
  wake_.notify_all();
}

void OnlineChecker::run() {
  try {
    while (true) {
      bool drain;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return quit_ || finishing_ || closed_ > checked_.load(); });
        if (quit_) return;
        drain = finishing_ && closed_ == checked_.load();
      }
      std::optional<EpochSegment> segment = reader_.next();
      if (!segment) {
        if (drain) return;
        throw std::runtime_error("online check: the history ends before an epoch it closed");
      }
      if (!segment->epoch) {
        checker_.check_after_run(*segment);
        continue;
      }
      EpochVerdict v = checker_.check_epoch(*segment);
      segment.reset();
      // What an epoch's check freed stays in glibc's arenas otherwise; hand
      // it back (see the constructor for the large blocks).
      malloc_trim(0);
      checked_.fetch_add(1);
      if (progress_) progress_->set_checked(checker_.epochs_checked(), checker_.anomalies_found());
      if (stop_on_violation_ && v.valid == Validity::kInvalid && !violation_.load()) {
        violation_epoch_.store(v.epoch);
        violation_.store(true);
      }
    }
  } catch (...) {
    std::lock_guard lock(mutex_);
    error_ = std::current_exception();
  }
}

const CheckResult& OnlineChecker::finish() {
  {
    std::lock_guard lock(mutex_);
    finishing_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (error_) std::rethrow_exception(error_);
  if (progress_) progress_->set_checked(checker_.epochs_checked(), checker_.anomalies_found());
  return checker_.result();
}

}  // namespace isocheck::runner
