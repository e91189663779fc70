#include "runner/fiber/fiber_scheduler.h"

#include <cxxabi.h>

#include <boost/context/fiber.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>
#include <cerrno>
#include <thread>
#include <utility>

#if defined(__SANITIZE_ADDRESS__)
#define ISOCHECK_FIBER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ISOCHECK_FIBER_ASAN 1
#endif
#endif
#if defined(ISOCHECK_FIBER_ASAN)
#include <sanitizer/common_interface_defs.h>
#endif

namespace isocheck::runner {

namespace ctx = boost::context;

namespace {

// libpq's connect (name resolution included) and the client's own frames
// need well under this; the guard page below turns an overflow into a
// crash at once instead of silent corruption. Untouched pages cost nothing.
constexpr size_t kFiberStackBytes = 512 * 1024;

constexpr std::chrono::milliseconds kPollFailurePause{1};

thread_local FiberScheduler* t_current = nullptr;

// Tells AddressSanitizer that the thread is about to run on another stack
// (`bottom`, `size`); `fake_stack` keeps the leaving stack's state, nullptr
// when the leaving stack is gone for good.
void announce_switch([[maybe_unused]] void** fake_stack, [[maybe_unused]] const void* bottom,
                     [[maybe_unused]] size_t size) {
#if defined(ISOCHECK_FIBER_ASAN)
  __sanitizer_start_switch_fiber(fake_stack, bottom, size);
#endif
}

// Tells AddressSanitizer the switch is done; learns the stack it came from.
void finish_switch([[maybe_unused]] void* fake_stack, [[maybe_unused]] const void** from_bottom,
                   [[maybe_unused]] size_t* from_size) {
#if defined(ISOCHECK_FIBER_ASAN)
  __sanitizer_finish_switch_fiber(fake_stack, from_bottom, from_size);
#endif
}

// The C++ runtime's per-thread record of exceptions being handled (the
// layout libstdc++ and libc++abi share): a stack of caught exceptions and
// the count of uncaught ones. A fiber that waits inside a catch block (a
// client rolling back after an error) leaves its exception on that stack;
// if another fiber then caught and finished one, it would pop the wrong
// one. So every fiber keeps its own record, swapped in and out with it.
struct ExceptionState {
  void* caught = nullptr;
  unsigned int uncaught = 0;
};

ExceptionState& thread_exception_state() {
  return *reinterpret_cast<ExceptionState*>(abi::__cxa_get_globals());
}

// A stack allocator that also tells the fiber where its stack lies (for
// AddressSanitizer).
struct RecordedStack {
  ctx::protected_fixedsize_stack inner{kFiberStackBytes};
  ctx::stack_context* out;
  ctx::stack_context allocate() {
    ctx::stack_context s = inner.allocate();
    *out = s;
    return s;
  }
  void deallocate(ctx::stack_context& s) noexcept { inner.deallocate(s); }
};

}  // namespace

struct FiberScheduler::Fiber {
  ctx::fiber context;    // resumes the fiber; empty while it runs and once done
  ctx::fiber scheduler;  // inside the fiber: resumes the scheduler's loop
  std::function<void()> body;
  ctx::stack_context stack{};
  bool done = false;
  bool ready = true;
  // What it waits for while not ready: a socket (fd >= 0) and a deadline.
  int fd = -1;
  short events = 0;
  short revents = 0;
  Clock::time_point deadline = Clock::time_point::max();
  void* fake_stack = nullptr;  // AddressSanitizer's state of this stack
  // The fiber's exceptions in handling while it waits; the scheduler's while
  // it runs.
  ExceptionState exceptions;
};

FiberScheduler::FiberScheduler() = default;
FiberScheduler::~FiberScheduler() = default;

FiberScheduler* FiberScheduler::current() { return t_current; }

void FiberScheduler::spawn(std::function<void()> body) {
  auto fiber = std::make_unique<Fiber>();
  Fiber* f = fiber.get();
  f->body = std::move(body);
  f->context =
      ctx::fiber(std::allocator_arg, RecordedStack{.out = &f->stack}, [this, f](ctx::fiber&& back) {
        f->scheduler = std::move(back);
        finish_switch(nullptr, &thread_stack_bottom_, &thread_stack_size_);
        try {
          f->body();
        } catch (const ctx::detail::forced_unwind&) {
          throw;  // Boost.Context unwinding a fiber destroyed mid-wait
        } catch (...) {
          if (!first_error_) first_error_ = std::current_exception();
        }
        f->done = true;
        f->body = nullptr;
        announce_switch(nullptr, thread_stack_bottom_, thread_stack_size_);
        return std::move(f->scheduler);
      });
  fibers_.push_back(std::move(fiber));
}

void FiberScheduler::resume(Fiber& f) {
  running_ = &f;
  t_current = this;
  void* fake_stack = nullptr;
  announce_switch(&fake_stack, static_cast<char*>(f.stack.sp) - f.stack.size, f.stack.size);
  std::swap(thread_exception_state(), f.exceptions);
  f.context = std::move(f.context).resume();
  std::swap(thread_exception_state(), f.exceptions);
  finish_switch(fake_stack, nullptr, nullptr);
  t_current = nullptr;
  running_ = nullptr;
}

void FiberScheduler::suspend_current() {
  Fiber& f = *running_;
  announce_switch(&f.fake_stack, thread_stack_bottom_, thread_stack_size_);
  f.scheduler = std::move(f.scheduler).resume();
  finish_switch(f.fake_stack, &thread_stack_bottom_, &thread_stack_size_);
}

void FiberScheduler::run() {
  while (true) {
    bool any_left = false;
    // Resumed fibers run until their next wait, so after one pass none is
    // ready: only wake_waiters() makes them so.
    for (size_t i = 0; i < fibers_.size(); ++i) {
      Fiber& f = *fibers_[i];
      if (f.done) continue;
      if (f.ready) resume(f);
      if (!f.done) any_left = true;
    }
    if (!any_left) break;
    wake_waiters();
  }
  fibers_.clear();
  if (first_error_) std::rethrow_exception(std::exchange(first_error_, nullptr));
}

void FiberScheduler::wake_waiters() {
  poll_set_.clear();
  poll_owners_.clear();
  Clock::time_point earliest = Clock::time_point::max();
  for (const auto& f : fibers_) {
    if (f->done || f->ready) continue;
    earliest = std::min(earliest, f->deadline);
    if (f->fd < 0) continue;
    poll_set_.push_back(pollfd{f->fd, f->events, 0});
    poll_owners_.push_back(f.get());
  }
  int timeout_ms = -1;
  if (earliest != Clock::time_point::max()) {
    auto left = earliest - Clock::now();
    // Rounded up: waking before the deadline would only poll again.
    timeout_ms = left <= Clock::duration::zero()
                     ? 0
                     : static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(left).count());
  }
  int n = ::poll(poll_set_.data(), poll_set_.size(), timeout_ms);
  ++polls_;
  // With a valid, small set poll() fails only for want of kernel memory
  // (ENOMEM) or on a signal: this round then wakes only the fibers whose
  // deadline passed, after a pause, so every wait stays bounded.
  if (n < 0 && errno != EINTR) std::this_thread::sleep_for(kPollFailurePause);
  for (size_t i = 0; n > 0 && i < poll_set_.size(); ++i) {
    if (poll_set_[i].revents == 0) continue;
    poll_owners_[i]->revents = poll_set_[i].revents;
    poll_owners_[i]->ready = true;
  }
  const Clock::time_point now = Clock::now();
  for (const auto& f : fibers_) {
    if (!f->done && !f->ready && now >= f->deadline) f->ready = true;
  }
}

short FiberScheduler::wait_for_socket(int fd, short events, Clock::time_point deadline) {
  Fiber& f = *running_;
  f.fd = fd;
  f.events = events;
  f.revents = 0;
  f.deadline = deadline;
  f.ready = false;
  suspend_current();
  f.fd = -1;
  return f.revents;
}

void FiberScheduler::sleep_until(Clock::time_point until) {
  Fiber& f = *running_;
  f.fd = -1;
  f.revents = 0;
  f.deadline = until;
  f.ready = false;
  suspend_current();
}

}  // namespace isocheck::runner
