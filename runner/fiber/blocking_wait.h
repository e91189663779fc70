// Waits that block only what they must: called on a fiber (FiberScheduler)
// they suspend that fiber and let the thread's other fibers run; called
// anywhere else (the final read, replay, tests, the nemesis) they block the
// calling thread as poll() and sleep do.
//
// Every wait of the client loop goes through here — the socket waits of
// bounded_exec.h and of a connection attempt, reconnect backoff, the epoch
// barrier — so that no client on a fiber ever stops the thread its
// neighbours run on.
#pragma once

#include <chrono>

namespace isocheck::runner {

using WaitClock = std::chrono::steady_clock;

// True on a fiber of a FiberScheduler.
bool on_fiber();

// Waits until `fd` reports one of `events` (POLLIN / POLLOUT) or `deadline`
// passes. Returns the revents poll() gave for `fd` (POLLERR / POLLHUP
// included), 0 when the deadline came first or a signal interrupted the
// wait, -1 with errno set when poll() failed.
int wait_for_socket(int fd, short events, WaitClock::time_point deadline);

// Returns at `until` (at once if it has passed).
void sleep_until(WaitClock::time_point until);

}  // namespace isocheck::runner
