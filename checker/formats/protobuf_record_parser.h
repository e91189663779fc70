// ProtobufRecordParser: the first of the two threads that load a protobuf
// history: it streams the file, checks each record's framing, parses it
// (an Event alone on the fast path, else a whole Record) and passes the
// records on in batches (protobuf_record_batches.h); the second thread
// feeds them to the HistoryBuilder (protobuf_history_reader.cpp).
//
// Contract: run() never throws. Whatever ends the parse — the end of the
// file, a record cut by it (a warning), corruption (a LoadError, or with
// `salvage` after record 0 a SalvagedPrefix and a warning), an interrupt
// (LoadInterrupted), an unreadable file — is put in the last batch's
// ParseEnd, after every whole record before it, so the builder reports the
// same first problem a one-thread load would. When the batches are cancelled
// run() returns without passing a last batch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "checker/formats/protobuf_record_batches.h"

namespace isocheck {

class FileChunkReader;

class ProtobufRecordParser {
 public:
  ProtobufRecordParser(const std::string& path, bool salvage, ProtobufRecordBatches& batches);

  void run() noexcept;

 private:
  void parse(FileChunkReader& in, RecordBatch*& batch, ParseEnd& end);
  bool parse_event_only(const char* body, uint64_t size, proto::Event& event);
  // Damage before the end of the file: an error, or with salvage the end of
  // the load.
  void corrupt(FileChunkReader& in, const char* start, std::string_view field,
               std::string_view problem, ParseEnd& end);
  void report_cut(FileChunkReader& in, const char* start, size_t prefix, uint64_t size,
                  ParseEnd& end);
  std::string where(const FileChunkReader& in, const char* start) const;

  const std::string& path_;
  const bool salvage_;
  ProtobufRecordBatches& batches_;
  uint64_t record_no_ = 0;
};

}  // namespace isocheck
