#include "runner/client/epoch_barrier.h"

#include "runner/fiber/blocking_wait.h"

namespace isocheck::runner {
namespace {

constexpr std::chrono::milliseconds kStopPoll{10};
// How often a client on a fiber looks whether the boundary has run.
constexpr std::chrono::milliseconds kFiberRecheck{1};

int64_t steady_ns(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

}  // namespace

EpochBarrier::EpochBarrier(int clients, std::chrono::milliseconds length,
                           std::function<void()> boundary)
    : length_(length),
      boundary_(std::move(boundary)),
      deadline_ns_(steady_ns(Clock::now() + length)),
      members_(clients) {}

void EpochBarrier::pass(const std::atomic<bool>& stop) {
  if (steady_ns(Clock::now()) < deadline_ns_.load(std::memory_order_relaxed)) return;
  std::unique_lock lock(mutex_);
  // The deadline may have moved on while this client took the lock.
  if (!in_boundary_ && arrived_ == 0 && steady_ns(Clock::now()) < deadline_ns_.load()) return;
  if (stop.load()) return;
  const uint64_t generation = generation_;
  if (++arrived_ == members_ && !in_boundary_) {
    run_boundary(lock);
    return;
  }
  while (generation_ == generation && !stop.load()) wait_for_release(lock);
  if (generation_ == generation) --arrived_;
}

void EpochBarrier::wait_for_release(std::unique_lock<std::mutex>& lock) {
  if (!on_fiber()) {
    released_.wait_for(lock, kStopPoll);
    return;
  }
  // A condition variable would block the thread, and with it the other
  // clients on it that this barrier may still be waiting for (or the one
  // running the boundary): the fiber lets go of the lock and sleeps.
  lock.unlock();
  sleep_until(Clock::now() + kFiberRecheck);
  lock.lock();
}

void EpochBarrier::leave(const std::atomic<bool>& stop) {
  std::unique_lock lock(mutex_);
  --members_;
  // The others may all be waiting for this one; with stop set they leave on
  // their own, else the epoch still closes.
  if (!stop.load() && members_ > 0 && arrived_ == members_ && !in_boundary_) run_boundary(lock);
}

void EpochBarrier::run_boundary(std::unique_lock<std::mutex>& lock) {
  in_boundary_ = true;
  lock.unlock();
  std::exception_ptr error;
  try {
    boundary_();
  } catch (...) {
    error = std::current_exception();
  }
  lock.lock();
  in_boundary_ = false;
  arrived_ = 0;
  ++generation_;
  deadline_ns_.store(steady_ns(Clock::now() + length_));
  boundaries_.fetch_add(1);
  lock.unlock();
  released_.notify_all();
  if (error) std::rethrow_exception(error);
}

}  // namespace isocheck::runner
