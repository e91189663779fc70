// HistoryRecorder: the one writer of a history file, shared by all client
// threads of a runner process.
//
// Contract:
// - The header is written and handed to the kernel in the constructor, so a
//   run killed at any later moment leaves a file that identifies itself.
// - record() is thread-safe. Under one lock it assigns the next index and,
//   unless the caller supplies one, reads the monotonic clock, so index order
//   and time order agree: indices strictly increase, times never decrease.
//   Taking the time at record() keeps realtime order sound: an invocation is
//   recorded before the request is sent, a completion after the reply
//   arrived, so every recorded interval contains the real one.
// - A background thread hands buffered records to the kernel at least every
//   100 ms; records reach the file whole (see ProtobufStreamWriter), so a
//   process killed with SIGKILL loses at most the last 100 ms and at worst
//   leaves one cut record at the end.
// - A write error (disk full) in the background thread is rethrown by the
//   next record() or close().
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "checker/formats/protobuf_stream_writer.h"
#include "proto/history.pb.h"

namespace isocheck::runner {

// CLOCK_MONOTONIC in nanoseconds: the clock of every Event.time_ns.
int64_t now_ns();

class HistoryRecorder {
 public:
  static constexpr std::chrono::milliseconds kFlushInterval{100};
  // Above this many buffered bytes record() flushes at once, bounding memory
  // between two background flushes.
  static constexpr size_t kFlushThresholdBytes = 4 << 20;

  // Creates (truncates) `path` and writes `header`. Throws
  // std::runtime_error naming the path on failure.
  HistoryRecorder(const std::string& path, const isocheck::proto::Header& header);
  ~HistoryRecorder();  // close(), errors swallowed
  HistoryRecorder(const HistoryRecorder&) = delete;
  HistoryRecorder& operator=(const HistoryRecorder&) = delete;

  // Appends `event` with the next index and the current monotonic time (the
  // event's own index and time_ns are ignored). `time_ns`, when given, is
  // used instead; it must not be earlier than the last recorded time, else
  // std::invalid_argument — for deterministic tests and replays.
  // Returns the index given. Throws std::logic_error after close().
  uint64_t record(const isocheck::proto::Event& event,
                  std::optional<int64_t> time_ns = std::nullopt);

  // Appends a fault record with the current monotonic time (the fault's own
  // time_ns is ignored), under the same lock and clock as record(), so that
  // faults and events of one file never go back in time. Throws as record().
  void record_fault(const isocheck::proto::Fault& fault);
  // Records a connection's effective isolation level, stamped with the
  // current time like a fault. Thread-safe.
  void record_session(const isocheck::proto::Session& session);

  // Appends an epoch mark with the current monotonic time (the mark's own
  // time_ns is ignored) and hands everything recorded so far, the mark
  // included, to the kernel before returning: a reader of the file (the
  // run's online checker) may read up to the mark at once. Throws as
  // record().
  void record_epoch(const isocheck::proto::Epoch& epoch);

  // Stops the flusher and writes everything out. Idempotent.
  void close();

  uint64_t events_recorded() const;
  const std::string& path() const { return path_; }

 private:
  void flush_periodically();
  void rethrow_flush_error();  // caller holds mutex_

  std::string path_;
  mutable std::mutex mutex_;
  std::condition_variable wake_flusher_;
  isocheck::ProtobufStreamWriter writer_;
  isocheck::proto::Record scratch_;  // reused: no allocation per event
  uint64_t next_index_ = 0;
  int64_t last_time_ns_ = 0;
  bool closed_ = false;
  std::exception_ptr flush_error_;
  std::thread flusher_;
};

}  // namespace isocheck::runner
