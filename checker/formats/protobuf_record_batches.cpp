#include "checker/formats/protobuf_record_batches.h"

namespace isocheck {

proto::Event& RecordBatch::next_event(uint64_t record_no, uint64_t byte) {
  if (events_used == events.size()) events.emplace_back();
  entries.push_back({record_no, byte, true, static_cast<uint32_t>(events_used)});
  return events[events_used++];
}

proto::Record& RecordBatch::next_record(uint64_t record_no, uint64_t byte) {
  if (records_used == records.size()) records.emplace_back();
  entries.push_back({record_no, byte, false, static_cast<uint32_t>(records_used)});
  return records[records_used++];
}

void RecordBatch::drop_last() {
  if (entries.back().is_event)
    --events_used;
  else
    --records_used;
  entries.pop_back();
}

void RecordBatch::clear() {
  entries.clear();
  events_used = 0;
  records_used = 0;
  last = false;
  end = ParseEnd{};
}

ProtobufRecordBatches::ProtobufRecordBatches() {
  for (size_t i = 0; i < kBatchesInFlight; ++i) {
    owned_.push_back(std::make_unique<RecordBatch>());
    owned_.back()->entries.reserve(kRecordsPerBatch);
    empty_.push_back(owned_.back().get());
  }
}

RecordBatch* ProtobufRecordBatches::take_empty() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return cancelled_ || !empty_.empty(); });
  if (cancelled_) return nullptr;
  RecordBatch* b = empty_.front();
  empty_.pop_front();
  b->clear();
  return b;
}

void ProtobufRecordBatches::pass_full(RecordBatch* batch) {
  {
    std::lock_guard lock(mutex_);
    full_.push_back(batch);
  }
  changed_.notify_all();
}

RecordBatch* ProtobufRecordBatches::take_full() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !full_.empty(); });
  RecordBatch* b = full_.front();
  full_.pop_front();
  return b;
}

void ProtobufRecordBatches::give_back(RecordBatch* batch) {
  {
    std::lock_guard lock(mutex_);
    empty_.push_back(batch);
  }
  changed_.notify_all();
}

void ProtobufRecordBatches::cancel() {
  {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
  }
  changed_.notify_all();
}

}  // namespace isocheck
