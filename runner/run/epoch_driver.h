// EpochDriver: the epochs of one `isocheck run --epoch` — their marks in the
// history, their key ranges, their closing reads, and the hand-over of each
// closed epoch to the online checker.
//
// An epoch opens (OPEN mark: number, first key) with fresh keys from the
// generator, runs for its length, and closes at a boundary of its
// EpochBarrier: while every client waits, the driver reads every key of the
// epoch (a final read, so the epoch's own check can find lost writes),
// records the CLOSED mark (number and key range), tells the checker, and
// opens the next epoch. Why this makes epochs independent: epoch_barrier.h.
//
// The closing read retries for up to a minute when the server does not
// answer (a fault of the nemesis may be under way); each failed attempt is
// recorded as a failed read. The closing reads run under processes -1, -2,
// ... (one per epoch), which no client uses. After the run and after every
// fault healed, record_final_reads() reads every epoch's keys again, one
// read per epoch (bounded records, bounded memory for the checker), which
// the checker compares with each epoch's acknowledged appends. All of them
// share one connection (final_reader.h), opened again after an error.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "runner/client/client_loop.h"
#include "runner/client/epoch_barrier.h"
#include "runner/client/final_reader.h"
#include "runner/generate/txn_generator.h"
#include "runner/record/history_recorder.h"
#include "runner/run/online_checker.h"

namespace isocheck::runner {

class EpochDriver {
 public:
  // `reader`: how to connect for the closing reads. Records epoch 0's OPEN
  // mark at once: construct it before the clients start.
  EpochDriver(std::chrono::milliseconds length, int clients, TxnGenerator& generator,
              HistoryRecorder& recorder, const ClientLoopOptions& reader, OnlineChecker& checker);

  EpochBarrier& barrier() { return barrier_; }
  // Closes the epoch still open, once the clients have ended.
  void close_last();
  // The final reads after the run, one per epoch, under `process`.
  void record_final_reads(int64_t process);
  uint64_t epochs_closed() const { return ranges_.size(); }
  // A boundary failed (its closing read got no answer for a minute): the
  // run should stop; the error comes out of run_clients.
  bool failed() const { return failed_.load(); }

 private:
  void boundary();
  void close_current();
  void open(int64_t key_low);
  void closing_read(int64_t key_low, int64_t key_end);

  TxnGenerator& generator_;
  HistoryRecorder& recorder_;
  // Closing reads and final reads share one connection.
  FinalReader reader_;
  OnlineChecker& checker_;
  uint64_t number_ = 0;  // of the epoch open
  int64_t key_low_ = 0;
  bool open_ = false;
  std::atomic<bool> failed_{false};
  // Closed epochs' keys [first, second): 16 bytes an epoch.
  std::vector<std::pair<int64_t, int64_t>> ranges_;
  EpochBarrier barrier_;
};

}  // namespace isocheck::runner
