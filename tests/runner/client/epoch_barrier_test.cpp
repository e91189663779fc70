// EpochBarrier: at every boundary no transaction is in flight, every
// transaction lies between two boundaries, a client that leaves does not
// hold the others up, and stop releases a client waiting at the barrier.
#include "runner/client/epoch_barrier.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace isocheck::runner {
namespace {

struct Span {
  uint64_t begin_tick, end_tick;
};

TEST(EpochBarrier, NoTransactionIsInFlightAtABoundaryAndNoneSpansOne) {
  constexpr int kClients = 4;
  constexpr uint64_t kBoundaries = 20;
  std::atomic<uint64_t> tick{0};
  std::atomic<int> in_flight{0};
  std::atomic<int> busy_at_boundary{0};
  std::vector<uint64_t> boundary_ticks;
  std::atomic<bool> stop{false};
  EpochBarrier barrier(kClients, std::chrono::milliseconds(2), [&] {
    if (in_flight.load() != 0) ++busy_at_boundary;
    boundary_ticks.push_back(tick++);
  });
  std::mutex spans_mutex;
  std::vector<Span> spans;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      while (!stop.load()) {
        barrier.pass(stop);
        if (stop.load()) break;
        ++in_flight;
        Span s{tick++, 0};
        std::this_thread::yield();
        s.end_tick = tick++;
        --in_flight;
        std::lock_guard lock(spans_mutex);
        spans.push_back(s);
      }
      barrier.leave(stop);
    });
  }
  while (barrier.boundaries_run() < kBoundaries) std::this_thread::yield();
  stop.store(true);
  for (std::thread& t : clients) t.join();

  EXPECT_EQ(busy_at_boundary.load(), 0);
  ASSERT_GE(boundary_ticks.size(), kBoundaries);
  for (const Span& s : spans) {
    for (uint64_t b : boundary_ticks)
      EXPECT_FALSE(s.begin_tick < b && b < s.end_tick)
          << "a transaction (ticks " << s.begin_tick << ".." << s.end_tick
          << ") spans the boundary at tick " << b;
  }
}

TEST(EpochBarrier, AClientThatLeavesDoesNotHoldTheOthersUp) {
  std::atomic<bool> stop{false};
  EpochBarrier barrier(3, std::chrono::milliseconds(1), [] {});
  std::thread leaver([&] { barrier.leave(stop); });
  leaver.join();
  std::vector<std::thread> clients;
  for (int c = 0; c < 2; ++c)
    clients.emplace_back([&] {
      while (!stop.load()) barrier.pass(stop);
      barrier.leave(stop);
    });
  while (barrier.boundaries_run() < 5) std::this_thread::yield();
  stop.store(true);
  for (std::thread& t : clients) t.join();
  EXPECT_GE(barrier.boundaries_run(), 5u);
}

TEST(EpochBarrier, StopReleasesAClientWaitingForAnotherWithoutABoundary) {
  std::atomic<bool> stop{false};
  std::atomic<int> boundaries{0};
  // Epochs of 0 ms: the first pass already waits for the other client,
  // which never comes.
  EpochBarrier barrier(2, std::chrono::milliseconds(0), [&] { ++boundaries; });
  std::atomic<bool> returned{false};
  std::thread waiter([&] {
    barrier.pass(stop);
    returned.store(true);
  });
  stop.store(true);
  waiter.join();
  EXPECT_TRUE(returned.load());
  EXPECT_EQ(boundaries.load(), 0);
}

}  // namespace
}  // namespace isocheck::runner
