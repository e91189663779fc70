// FileChunkReader: streams a file through one large buffer, for loaders that
// must handle files far larger than memory (a 10M-transaction EDN history
// is 2.6 GB).
//
// The valid data is [data(), data_end()). A loader parses from it and, when
// it needs bytes beyond data_end(), calls refill(keep): bytes before `keep`
// are dropped, bytes from `keep` on move to the buffer's start, `keep` is
// updated to point at them, and at least one more chunk is read. The buffer
// grows geometrically when `keep` is far back, so a record longer than a
// chunk still fits and reading it costs time linear in its length. Every
// other pointer into the buffer is invalid after refill, whatever it
// returned; keep positions as offsets from `keep` or data().
// Before every read the load-interrupt probe is asked (load_interrupt.h).
// Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace isocheck {

class FileChunkReader {
 public:
  static constexpr size_t kDefaultChunk = size_t{8} << 20;

  // Opens `path` and reads the first chunk. Throws LoadError naming the path
  // when the file cannot be opened or read.
  explicit FileChunkReader(const std::string& path, size_t chunk = kDefaultChunk);
  ~FileChunkReader();
  FileChunkReader(const FileChunkReader&) = delete;
  FileChunkReader& operator=(const FileChunkReader&) = delete;

  const char* data() const { return buffer_.get(); }
  const char* data_end() const { return buffer_.get() + size_; }
  // True once the whole file has been read: data_end() is the end of file.
  bool at_eof() const { return eof_; }
  // Absolute file offset of `p`, a pointer into the current data.
  uint64_t offset_of(const char* p) const { return base_ + static_cast<uint64_t>(p - data()); }

  // Drops the data before `keep`, moves `keep` along with its data and reads
  // more. Returns false when the file had no more bytes (the data is then
  // unchanged apart from the drop). Throws LoadInterrupted when the
  // interrupt probe says stop, LoadError when the file cannot be read.
  bool refill(const char*& keep);

  const std::string& path() const { return path_; }

 private:
  void read_more();

  std::string path_;
  int fd_ = -1;
  size_t chunk_;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  size_t size_ = 0;
  uint64_t base_ = 0;  // file offset of buffer_[0]
  bool eof_ = false;
};

}  // namespace isocheck
