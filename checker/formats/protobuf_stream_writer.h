// ProtobufStreamWriter: appends length-delimited `proto::Record`s to a
// history file.
//
// Records are serialized into an in-memory buffer and handed to the kernel
// with write(2) on flush(), whole records only, so a writer killed at any
// moment (kill -9 included) leaves a file whose every complete record loads;
// at worst the last record is cut, which readers report and skip. The
// runner calls flush() at least every 100 ms; sync() adds fsync for callers
// that must survive a machine crash. Not thread-safe: callers serialize.
#pragma once

#include <memory>
#include <string>

#include "proto/history.pb.h"

namespace isocheck {

class ProtobufStreamWriter {
 public:
  // Creates (or truncates) `path`. Throws std::runtime_error naming the path
  // and errno text on failure.
  explicit ProtobufStreamWriter(const std::string& path);
  ~ProtobufStreamWriter();  // flushes and closes; errors are swallowed
  ProtobufStreamWriter(const ProtobufStreamWriter&) = delete;
  ProtobufStreamWriter& operator=(const ProtobufStreamWriter&) = delete;

  void write(const proto::Record& record);
  // Hands buffered records to the kernel. Throws std::runtime_error on a
  // failed write (disk full ...).
  void flush();
  void sync();
  void close();

  size_t buffered_bytes() const { return buffer_.size(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace isocheck
