// RecordStreamReader: reads length-delimited proto::Records from a history
// or shard file one at a time, in constant memory.
//
// A record-at-a-time view of a protobuf history, for merging shards, for
// checking what a killed writer left behind, and for picking out the raw
// events of a witness (statement times, backend pids) that the in-memory
// History does not keep; load_history is the full loader. A record
// cut by the end of the file (a writer killed mid-write) ends the stream and
// is reported by cut_at_end(); anything malformed before the end throws
// std::runtime_error naming the file, record number and byte offset.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "proto/history.pb.h"

namespace google::protobuf::io {
class FileInputStream;
}

namespace isocheck {

class RecordStreamReader {
 public:
  // Opens `path`; throws std::runtime_error naming it on failure.
  explicit RecordStreamReader(const std::string& path);
  ~RecordStreamReader();
  RecordStreamReader(const RecordStreamReader&) = delete;
  RecordStreamReader& operator=(const RecordStreamReader&) = delete;

  // Reads the next whole record into `out`; false at the end of the file or
  // at a cut last record.
  bool next(isocheck::proto::Record& out);

  bool cut_at_end() const { return cut_at_end_; }
  uint64_t records_read() const { return records_read_; }
  const std::string& path() const { return path_; }

 private:
  [[noreturn]] void fail(const std::string& what) const;

  std::string path_;
  int fd_ = -1;
  uint64_t file_size_ = 0;
  uint64_t offset_ = 0;  // of the next record's length prefix
  uint64_t records_read_ = 0;
  bool cut_at_end_ = false;
  std::unique_ptr<google::protobuf::io::FileInputStream> stream_;
};

}  // namespace isocheck
