// EpochBarrier: cuts a run into epochs that can each be checked alone.
//
// Clients call pass() between two transactions. Once the epoch's time is up
// every client that arrives waits there; the last one to arrive runs the
// boundary (the caller's: take the closing read of the epoch's keys, record
// the CLOSED mark, hand the epoch to the checker, switch the generator to
// fresh keys, record the next OPEN mark) while all others still wait, and
// then every client goes on into the next epoch.
//
// Why no cycle can span two epochs. Let E(T) be the epoch a transaction T
// was invoked in. Every transaction of epoch e completed (was recorded ok,
// fail or info) before the boundary ran, and every transaction of e+1 was
// invoked after it, so:
//  - real-time edges (T1 completed before T2 was invoked) never go from a
//    later epoch to an earlier one;
//  - process edges follow one client's transactions in the order it ran
//    them, which is epoch order;
//  - data edges (ww, wr, rw) join two transactions touching one key, and
//    the generator gives each epoch keys no other epoch plans
//    (TxnGenerator::start_fresh_keys), so they never join two epochs.
// Every edge u -> v thus has E(u) <= E(v); along a cycle the epoch can then
// never drop, so it never rises either: the whole cycle lies in one epoch.
// An `info` transaction the client gave up on may still commit on the
// server later, but it only wrote its own epoch's keys, so it can only
// change what the final reads of those keys show.
//
// Clients running as fibers, several on one OS thread (client_loop.h), wait
// by sleeping their fiber and looking again every millisecond instead of
// blocking on the condition variable: a blocked thread would hold up the
// clients on it the barrier still waits for, and deadlock. The argument
// above does not care how a client waits, only that it does not go on.
//
// A client leaving the run (stop, or an error) calls leave(), so the others
// never wait for it. Once `stop` is set, waiting clients return at once and
// no boundary runs: the caller closes the last epoch after the clients end.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>

namespace isocheck::runner {

class EpochBarrier {
 public:
  // `boundary` runs on one client thread while every other client waits; an
  // exception it throws is rethrown from that client's pass() (and the run
  // ends with it). `length`: how long each epoch runs, from its open.
  EpochBarrier(int clients, std::chrono::milliseconds length, std::function<void()> boundary);

  // Between two transactions: returns at once while the epoch's time is not
  // up; else waits for the boundary (see above). Returns early once `stop`
  // is set.
  void pass(const std::atomic<bool>& stop);
  // The calling client takes part no more; if every other client already
  // waits, the boundary runs now (unless `stop` is set).
  void leave(const std::atomic<bool>& stop);

  uint64_t boundaries_run() const { return boundaries_.load(); }

 private:
  using Clock = std::chrono::steady_clock;
  // Caller holds `lock` on mutex_; returns with it held, having waited up
  // to kStopPoll for the boundary to run (without blocking other fibers).
  void wait_for_release(std::unique_lock<std::mutex>& lock);
  // Caller holds mutex_; runs the boundary without it.
  void run_boundary(std::unique_lock<std::mutex>& lock);

  const std::chrono::milliseconds length_;
  std::function<void()> boundary_;
  std::atomic<int64_t> deadline_ns_;  // steady_clock ns since epoch
  std::mutex mutex_;
  std::condition_variable released_;
  int members_;
  int arrived_ = 0;
  uint64_t generation_ = 0;
  bool in_boundary_ = false;
  std::atomic<uint64_t> boundaries_{0};
};

}  // namespace isocheck::runner
