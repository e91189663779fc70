// FiberScheduler and blocking_wait.h: fibers interleave at their waits, a
// socket wait ends on readability or on its deadline, sleeps end on time,
// one poll() serves every waiting socket, and the same waits off a fiber
// block the thread as before.
#include "runner/fiber/fiber_scheduler.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "runner/fiber/blocking_wait.h"

namespace isocheck::runner {
namespace {

using std::chrono::milliseconds;
using Clock = FiberScheduler::Clock;

// A connected pair of local sockets, closed with the object.
struct SocketPair {
  SocketPair() {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds.data()) != 0)
      throw std::runtime_error("socketpair");
  }
  ~SocketPair() {
    ::close(fds[0]);
    ::close(fds[1]);
  }
  void send_byte() const {
    if (::write(fds[1], "x", 1) != 1) throw std::runtime_error("write");
  }
  std::array<int, 2> fds{};
};

TEST(FiberScheduler, FibersInterleaveAtTheirWaitsOnOneThread) {
  FiberScheduler scheduler;
  std::vector<std::string> log;
  const Clock::time_point start = Clock::now();
  scheduler.spawn([&] {
    log.push_back("a1");
    sleep_until(start + milliseconds(60));
    log.push_back("a2");
  });
  scheduler.spawn([&] {
    log.push_back("b1");
    sleep_until(start + milliseconds(20));
    log.push_back("b2");
  });
  scheduler.run();
  EXPECT_EQ(log, (std::vector<std::string>{"a1", "b1", "b2", "a2"}));
  // Both slept at once: together not much longer than the longer sleep.
  EXPECT_GE(Clock::now() - start, milliseconds(60));
}

TEST(FiberScheduler, SleepEndsNotBeforeItsTime) {
  FiberScheduler scheduler;
  Clock::time_point woke;
  const Clock::time_point until = Clock::now() + milliseconds(30);
  scheduler.spawn([&] {
    sleep_until(until);
    woke = Clock::now();
  });
  scheduler.run();
  EXPECT_GE(woke, until);
}

TEST(FiberScheduler, SocketWaitWakesWhenAnotherFiberMakesItReadable) {
  FiberScheduler scheduler;
  SocketPair pair;
  int revents = -2;
  Clock::duration waited{};
  scheduler.spawn([&] {
    const Clock::time_point start = Clock::now();
    revents = wait_for_socket(pair.fds[0], POLLIN, start + std::chrono::seconds(30));
    waited = Clock::now() - start;
  });
  scheduler.spawn([&] {
    sleep_until(Clock::now() + milliseconds(20));
    pair.send_byte();
  });
  scheduler.run();
  EXPECT_TRUE(revents & POLLIN) << revents;
  EXPECT_LT(waited, std::chrono::seconds(10)) << "woke by its deadline, not by the byte";
}

TEST(FiberScheduler, SocketWaitEndsAtItsDeadlineWithNothingToRead) {
  FiberScheduler scheduler;
  SocketPair pair;
  int revents = -2;
  Clock::time_point woke;
  const Clock::time_point deadline = Clock::now() + milliseconds(40);
  scheduler.spawn([&] {
    revents = wait_for_socket(pair.fds[0], POLLIN, deadline);
    woke = Clock::now();
  });
  scheduler.run();
  EXPECT_EQ(revents, 0);
  EXPECT_GE(woke, deadline);
}

TEST(FiberScheduler, OnePollWakesEveryFiberWhoseSocketIsReady) {
  FiberScheduler scheduler;
  std::array<SocketPair, 3> pairs;
  int woken = 0;
  for (SocketPair& p : pairs) {
    scheduler.spawn([&] {
      if (wait_for_socket(p.fds[0], POLLIN, Clock::now() + std::chrono::seconds(30)) & POLLIN)
        ++woken;
    });
  }
  // Runs after the three have begun to wait: makes all of them ready.
  scheduler.spawn([&] {
    for (SocketPair& p : pairs) p.send_byte();
  });
  scheduler.run();
  EXPECT_EQ(woken, 3);
  EXPECT_EQ(scheduler.polls(), 1u);
}

TEST(FiberScheduler, AnEscapedErrorComesOutOfRunAfterTheOtherFibersFinished) {
  FiberScheduler scheduler;
  bool other_finished = false;
  scheduler.spawn([] { throw std::runtime_error("client failed"); });
  scheduler.spawn([&] {
    sleep_until(Clock::now() + milliseconds(10));
    other_finished = true;
  });
  EXPECT_THROW(scheduler.run(), std::runtime_error);
  EXPECT_TRUE(other_finished);
}

// Clients roll back inside catch blocks, and rolling back waits: each
// fiber must find its own exception when it rethrows, whatever the others
// caught and finished meanwhile.
TEST(FiberScheduler, FibersWaitingInsideCatchBlocksKeepTheirOwnExceptions) {
  FiberScheduler scheduler;
  std::vector<std::string> rethrown;
  const std::vector<std::string> names = {"first", "second", "third"};
  for (size_t i = 0; i < names.size(); ++i) {
    // The first to catch finishes first: its exception is not the last caught.
    const milliseconds pause(10 + 10 * static_cast<int>(i));
    scheduler.spawn([&rethrown, name = names[i], pause] {
      try {
        try {
          throw std::runtime_error(name);
        } catch (const std::runtime_error&) {
          sleep_until(Clock::now() + pause);
          throw;
        }
      } catch (const std::runtime_error& e) {
        rethrown.push_back(name + ":" + e.what());
      }
    });
  }
  scheduler.run();
  EXPECT_EQ(rethrown.size(), 3u);
  for (const std::string& r : rethrown) {
    EXPECT_EQ(r.substr(0, r.find(':')), r.substr(r.find(':') + 1)) << r;
  }
  EXPECT_EQ(std::current_exception(), nullptr);
}

TEST(FiberScheduler, WaitsKnowWhetherTheyRunOnAFiber) {
  EXPECT_FALSE(on_fiber());
  EXPECT_EQ(FiberScheduler::current(), nullptr);
  FiberScheduler scheduler;
  FiberScheduler* seen = nullptr;
  scheduler.spawn([&] { seen = FiberScheduler::current(); });
  scheduler.run();
  EXPECT_EQ(seen, &scheduler);
  EXPECT_EQ(FiberScheduler::current(), nullptr);
}

TEST(BlockingWait, OffAFiberTheWaitsBlockTheThread) {
  SocketPair pair;
  const Clock::time_point deadline = Clock::now() + milliseconds(30);
  EXPECT_EQ(wait_for_socket(pair.fds[0], POLLIN, deadline), 0);
  EXPECT_GE(Clock::now(), deadline);
  pair.send_byte();
  EXPECT_TRUE(wait_for_socket(pair.fds[0], POLLIN, Clock::now() + std::chrono::seconds(30)) &
              POLLIN);
  const Clock::time_point until = Clock::now() + milliseconds(20);
  sleep_until(until);
  EXPECT_GE(Clock::now(), until);
}

}  // namespace
}  // namespace isocheck::runner
