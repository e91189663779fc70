#include "checker/formats/file_chunk_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "checker/formats/load_error.h"
#include "checker/formats/load_interrupt.h"

namespace isocheck {

FileChunkReader::FileChunkReader(const std::string& path, size_t chunk)
    : path_(path), chunk_(chunk) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0)
    throw LoadError(path, "byte 0", "file", std::string("cannot open: ") + std::strerror(errno));
  ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  // Small regular files get a buffer their size: tests and tools load many of them. Pipes
  // and devices (/dev/zero) report size 0 and keep the full chunk.
  struct stat st;
  if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) < chunk_)
    chunk_ = std::max<size_t>(static_cast<size_t>(st.st_size) + 1, 4096);
  capacity_ = chunk_;
  buffer_ = std::make_unique_for_overwrite<char[]>(capacity_);
  read_more();
}

FileChunkReader::~FileChunkReader() {
  if (fd_ >= 0) ::close(fd_);
}

bool FileChunkReader::refill(const char*& keep) {
  if (eof_) return false;
  size_t kept_from = static_cast<size_t>(keep - data());
  size_t kept = size_ - kept_from;
  if (kept_from > 0) {
    std::memmove(buffer_.get(), buffer_.get() + kept_from, kept);
    base_ += kept_from;
    size_ = kept;
  }
  keep = data();
  if (capacity_ - size_ < chunk_ / 2) {
    // Doubling, not adding a chunk: growing by a constant copies a long record over and
    // over, quadratic in its length.
    size_t bigger = std::max(size_ + chunk_, capacity_ * 2);
    auto grown = std::make_unique_for_overwrite<char[]>(bigger);
    std::memcpy(grown.get(), buffer_.get(), size_);
    buffer_ = std::move(grown);
    capacity_ = bigger;
    keep = data();
  }
  size_t before = size_;
  read_more();
  return size_ > before;
}

void FileChunkReader::read_more() {
  while (size_ < capacity_) {
    throw_if_load_interrupted(path_);
    ssize_t n = ::read(fd_, buffer_.get() + size_, capacity_ - size_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw LoadError(path_, "byte " + std::to_string(base_ + size_), "file",
                      std::string("cannot read: ") + std::strerror(errno));
    if (n == 0) {
      eof_ = true;
      return;
    }
    size_ += static_cast<size_t>(n);
  }
}

}  // namespace isocheck
