#include "checker/formats/record_stream_reader.h"

#include <fcntl.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace isocheck {

RecordStreamReader::RecordStreamReader(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error(path + ": cannot open: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    int err = errno;
    ::close(fd_);
    throw std::runtime_error(path + ": cannot stat: " + std::strerror(err));
  }
  file_size_ = static_cast<uint64_t>(st.st_size);
  stream_ = std::make_unique<google::protobuf::io::FileInputStream>(fd_, 1 << 16);
}

RecordStreamReader::~RecordStreamReader() {
  stream_.reset();
  if (fd_ >= 0) ::close(fd_);
}

void RecordStreamReader::fail(const std::string& what) const {
  throw std::runtime_error(path_ + ": record " + std::to_string(records_read_ + 1) + " at byte " +
                           std::to_string(offset_) + ": " + what);
}

bool RecordStreamReader::next(isocheck::proto::Record& out) {
  if (cut_at_end_ || offset_ >= file_size_) return false;
  // A fresh CodedInputStream per record: its byte counters never approach
  // the 2 GiB limit however large the file is.
  google::protobuf::io::CodedInputStream coded(stream_.get());
  uint64_t remaining = file_size_ - offset_;
  uint64_t length = 0;
  if (!coded.ReadVarint64(&length)) {
    if (remaining < 10) {
      cut_at_end_ = true;
      return false;
    }
    fail("malformed length prefix");
  }
  uint64_t prefix = static_cast<uint64_t>(coded.CurrentPosition());
  if (length > remaining - prefix) {
    cut_at_end_ = true;
    return false;
  }
  if (length > static_cast<uint64_t>(INT32_MAX)) fail("record length too large");
  auto limit = coded.PushLimit(static_cast<int>(length));
  if (!out.ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage()) {
    fail("not a valid Record message");
  }
  coded.PopLimit(limit);
  offset_ += prefix + length;
  ++records_read_;
  return true;
}

}  // namespace isocheck
