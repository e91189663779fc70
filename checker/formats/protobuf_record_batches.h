// ProtobufRecordBatches: the hand-over between the two threads that load a
// protobuf history — one frames and parses records (protobuf_record_parser.h),
// the other feeds them to the HistoryBuilder — in batches, in file order.
//
// Why two threads: parsing (varints, Mops, UTF-8 checks) and building
// (pairing, validation, growing the History's arrays) each take about half
// of a load; on two cores they overlap. Why batches: a hand-over per record
// would cost more in locking than the record costs to parse.
//
// Contract: at most kBatchesInFlight batches exist; the parser takes an empty
// one (take_empty), fills it and passes it on (pass_full); the builder takes
// full ones in the order they were passed (take_full) and gives them back
// (give_back) so their parsed Events keep their allocated Mops. The parser's
// last batch has `last` set and says how the parse ended. cancel() (the
// builder failed) wakes a waiting parser, whose take_empty then returns
// nullptr. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "checker/formats/protobuf_history_reader.h"
#include "proto/history.pb.h"

namespace isocheck {

// One whole record the parser read: an Event (the usual record, parsed
// alone) or a whole Record (the header, faults, epochs, sessions).
struct ParsedRecord {
  uint64_t record_no = 0;
  uint64_t byte = 0;  // file offset of its length prefix
  bool is_event = false;
  uint32_t slot = 0;  // index into RecordBatch::events or ::records
};

// How the parse ended, applied by the builder after every record before it:
// the error to throw (corruption without salvage, an interrupt), or the
// warnings of a cut or salvaged tail.
struct ParseEnd {
  std::exception_ptr error;
  std::vector<std::string> warnings;
  std::optional<SalvagedPrefix> salvaged;
  uint64_t records = 0;  // whole records read
};

struct RecordBatch {
  std::vector<ParsedRecord> entries;
  std::vector<proto::Event> events;  // reused: [0, events_used) are this batch's
  std::vector<proto::Record> records;
  size_t events_used = 0;
  size_t records_used = 0;
  bool last = false;
  ParseEnd end;  // meaningful when `last`

  proto::Event& next_event(uint64_t record_no, uint64_t byte);
  proto::Record& next_record(uint64_t record_no, uint64_t byte);
  // Forgets the last entry taken (its record did not parse).
  void drop_last();
  void clear();
};

class ProtobufRecordBatches {
 public:
  static constexpr size_t kBatchesInFlight = 4;
  static constexpr size_t kRecordsPerBatch = 1024;

  ProtobufRecordBatches();

  // Blocks until a batch is free; nullptr once cancelled.
  RecordBatch* take_empty();
  void pass_full(RecordBatch* batch);
  // Blocks until the next full batch is passed.
  RecordBatch* take_full();
  void give_back(RecordBatch* batch);
  void cancel();

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<RecordBatch>> owned_;
  std::deque<RecordBatch*> empty_;
  std::deque<RecordBatch*> full_;
  bool cancelled_ = false;
};

}  // namespace isocheck
