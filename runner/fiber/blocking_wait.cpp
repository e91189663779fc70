#include "runner/fiber/blocking_wait.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <thread>

#include "runner/fiber/fiber_scheduler.h"

namespace isocheck::runner {

bool on_fiber() { return FiberScheduler::current() != nullptr; }

int wait_for_socket(int fd, short events, WaitClock::time_point deadline) {
  if (FiberScheduler* s = FiberScheduler::current())
    return s->wait_for_socket(fd, events, deadline);
  int timeout_ms = -1;
  if (deadline != WaitClock::time_point::max()) {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - WaitClock::now());
    timeout_ms = static_cast<int>(std::max<int64_t>(left.count(), 0));
  }
  pollfd p{fd, events, 0};
  int n = ::poll(&p, 1, timeout_ms);
  if (n < 0) return errno == EINTR ? 0 : -1;
  return n == 0 ? 0 : p.revents;
}

void sleep_until(WaitClock::time_point until) {
  if (FiberScheduler* s = FiberScheduler::current()) {
    s->sleep_until(until);
    return;
  }
  std::this_thread::sleep_until(until);
}

}  // namespace isocheck::runner
