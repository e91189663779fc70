#include "runner/record/history_recorder.h"

#include <time.h>

#include <algorithm>
#include <stdexcept>

namespace isocheck::runner {

int64_t now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

HistoryRecorder::HistoryRecorder(const std::string& path, const isocheck::proto::Header& header)
    : path_(path), writer_(path) {
  isocheck::proto::Record record;
  *record.mutable_header() = header;
  writer_.write(record);
  writer_.flush();
  flusher_ = std::thread(&HistoryRecorder::flush_periodically, this);
}

HistoryRecorder::~HistoryRecorder() {
  try {
    close();
  } catch (const std::exception&) {
    // A destructor cannot report; callers that care call close() themselves.
  }
}

uint64_t HistoryRecorder::record(const isocheck::proto::Event& event,
                                 std::optional<int64_t> time_ns) {
  std::lock_guard lock(mutex_);
  if (closed_) throw std::logic_error(path_ + ": record() after close()");
  rethrow_flush_error();
  int64_t time = time_ns ? *time_ns : now_ns();
  if (time < last_time_ns_) {
    throw std::invalid_argument(path_ + ": event time " + std::to_string(time) +
                                " is before the last recorded time " +
                                std::to_string(last_time_ns_));
  }
  isocheck::proto::Event* out = scratch_.mutable_event();
  *out = event;
  out->set_index(next_index_);
  out->set_time_ns(time);
  writer_.write(scratch_);
  last_time_ns_ = time;
  if (writer_.buffered_bytes() >= kFlushThresholdBytes) writer_.flush();
  return next_index_++;
}

void HistoryRecorder::record_fault(const isocheck::proto::Fault& fault) {
  std::lock_guard lock(mutex_);
  if (closed_) throw std::logic_error(path_ + ": record_fault() after close()");
  rethrow_flush_error();
  isocheck::proto::Record record;
  *record.mutable_fault() = fault;
  last_time_ns_ = std::max(last_time_ns_, now_ns());
  record.mutable_fault()->set_time_ns(last_time_ns_);
  writer_.write(record);
}

void HistoryRecorder::record_epoch(const isocheck::proto::Epoch& epoch) {
  std::lock_guard lock(mutex_);
  if (closed_) throw std::logic_error(path_ + ": record_epoch() after close()");
  rethrow_flush_error();
  isocheck::proto::Record record;
  *record.mutable_epoch() = epoch;
  last_time_ns_ = std::max(last_time_ns_, now_ns());
  record.mutable_epoch()->set_time_ns(last_time_ns_);
  writer_.write(record);
  writer_.flush();
}

void HistoryRecorder::record_session(const isocheck::proto::Session& session) {
  std::lock_guard lock(mutex_);
  if (closed_) throw std::logic_error(path_ + ": record_session() after close()");
  rethrow_flush_error();
  isocheck::proto::Record record;
  *record.mutable_session() = session;
  last_time_ns_ = std::max(last_time_ns_, now_ns());
  record.mutable_session()->set_time_ns(last_time_ns_);
  writer_.write(record);
}

void HistoryRecorder::flush_periodically() {
  std::unique_lock lock(mutex_);
  while (!closed_) {
    wake_flusher_.wait_for(lock, kFlushInterval);
    if (flush_error_) continue;
    try {
      writer_.flush();
    } catch (const std::exception&) {
      flush_error_ = std::current_exception();
    }
  }
}

void HistoryRecorder::rethrow_flush_error() {
  if (flush_error_) {
    std::exception_ptr error = flush_error_;
    flush_error_ = nullptr;
    std::rethrow_exception(error);
  }
}

void HistoryRecorder::close() {
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    closed_ = true;
  }
  wake_flusher_.notify_all();
  if (flusher_.joinable()) flusher_.join();
  std::lock_guard lock(mutex_);
  rethrow_flush_error();
  writer_.close();
}

uint64_t HistoryRecorder::events_recorded() const {
  std::lock_guard lock(mutex_);
  return next_index_;
}

}  // namespace isocheck::runner
