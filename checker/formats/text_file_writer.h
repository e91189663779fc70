// TextFileWriter: writes a text history file through one large buffer.
//
// Writers format into buffer() and call maybe_flush() after each line; the
// buffer goes to the kernel in multi-megabyte writes. close() flushes and
// reports failures; the destructor closes silently. Errors throw
// std::runtime_error naming the path.
#pragma once

#include <fmt/format.h>

#include <string>

namespace isocheck {

class TextFileWriter {
 public:
  explicit TextFileWriter(const std::string& path);
  ~TextFileWriter();
  TextFileWriter(const TextFileWriter&) = delete;
  TextFileWriter& operator=(const TextFileWriter&) = delete;

  fmt::memory_buffer& buffer() { return buffer_; }
  auto out() { return std::back_inserter(buffer_); }
  void maybe_flush() {
    if (buffer_.size() >= kFlushBytes) flush();
  }
  void close();

 private:
  static constexpr size_t kFlushBytes = size_t{4} << 20;
  void flush();

  std::string path_;
  int fd_ = -1;
  fmt::memory_buffer buffer_;
};

}  // namespace isocheck
