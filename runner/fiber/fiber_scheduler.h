// FiberScheduler: several sequential client bodies on one OS thread, each a
// fiber (Boost.Context), switched in user space whenever one has to wait.
//
// Why: a client thread per connection sleeps in poll() once per statement,
// and on a saturated machine most of the runner's cycles went to the kernel
// switching those threads in and out. Fibers keep each client's code
// sequential (the client loop reads as before) while one thread multiplexes
// the sockets of several connections, as pgbench does with -j.
//
// Contract:
// - spawn() adds a fiber; run() runs every fiber until all have returned,
//   on the calling thread, and then rethrows the first exception a fiber
//   body let escape (the others still ran to their end).
// - A fiber gives up the thread only inside wait_for_socket() and
//   sleep_until(): never while it holds a lock, so locks taken between
//   waits (the generator's, the recorder's) behave as between threads.
// - run() picks every fiber that can go on (its socket is ready, its
//   deadline or wake-up time has passed) and resumes each in turn; it
//   enters poll() — once, for every waiting socket together — only when no
//   fiber can go on, with a timeout up to the earliest deadline.
// - current() is the scheduler whose fiber runs on this thread right now,
//   nullptr elsewhere (the scheduler's own loop, other threads): blocking
//   code asks it whether to suspend a fiber or block the thread
//   (runner/fiber/blocking_wait.h).
// - A fiber may wait inside a catch block: each fiber has its own record of
//   the exceptions it is handling, swapped with it.
// Under AddressSanitizer every switch is announced to it
// (__sanitizer_start/finish_switch_fiber), so ASan follows the stacks.
#pragma once

#include <poll.h>

#include <chrono>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <vector>

namespace isocheck::runner {

class FiberScheduler {
 public:
  using Clock = std::chrono::steady_clock;

  FiberScheduler();
  ~FiberScheduler();
  FiberScheduler(const FiberScheduler&) = delete;
  FiberScheduler& operator=(const FiberScheduler&) = delete;

  // Adds a fiber running `body`; it first runs inside run().
  void spawn(std::function<void()> body);
  // Runs until every fiber has returned; rethrows the first escaped error.
  void run();

  // The scheduler running the calling fiber; nullptr when not on a fiber.
  static FiberScheduler* current();

  // On the calling fiber: suspends it until `fd` reports one of `events`
  // (POLLIN, POLLOUT) or `deadline` passes. Returns poll()'s revents for
  // `fd`, or 0 when the deadline came first.
  short wait_for_socket(int fd, short events, Clock::time_point deadline);
  // On the calling fiber: suspends it until `until`.
  void sleep_until(Clock::time_point until);

  // Times poll() was entered: with several fibers per thread, fewer than
  // the waits (tests and figures).
  uint64_t polls() const { return polls_; }

 private:
  struct Fiber;
  void resume(Fiber& f);
  void suspend_current();
  // poll()s every waiting fiber's socket at once, no longer than up to the
  // earliest deadline, and marks ready those whose socket answered or whose
  // deadline passed.
  void wake_waiters();

  std::vector<std::unique_ptr<Fiber>> fibers_;
  Fiber* running_ = nullptr;
  std::vector<pollfd> poll_set_;
  std::vector<Fiber*> poll_owners_;
  std::exception_ptr first_error_;
  uint64_t polls_ = 0;
  // AddressSanitizer: the thread's own stack, learned at the first switch.
  const void* thread_stack_bottom_ = nullptr;
  size_t thread_stack_size_ = 0;
};

}  // namespace isocheck::runner
