#include "checker/formats/protobuf_stream_writer.h"

#include <fcntl.h>
#include <google/protobuf/io/coded_stream.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "checker/formats/write_fully.h"

namespace isocheck {

ProtobufStreamWriter::ProtobufStreamWriter(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error(path + ": cannot create: " + std::strerror(errno));
}

ProtobufStreamWriter::~ProtobufStreamWriter() {
  try {
    close();
  } catch (const std::exception&) {
    // A destructor cannot report; callers that care call close() themselves.
  }
}

void ProtobufStreamWriter::write(const proto::Record& record) {
  size_t size = record.ByteSizeLong();
  uint8_t prefix[10];
  uint8_t* end = google::protobuf::io::CodedOutputStream::WriteVarint64ToArray(size, prefix);
  buffer_.append(reinterpret_cast<const char*>(prefix), end - prefix);
  size_t at = buffer_.size();
  buffer_.resize(at + size);
  record.SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t*>(buffer_.data() + at));
}

void ProtobufStreamWriter::flush() {
  write_fully(fd_, buffer_.data(), buffer_.size(), path_);
  buffer_.clear();
}

void ProtobufStreamWriter::sync() {
  flush();
  if (::fsync(fd_) != 0)
    throw std::runtime_error(path_ + ": fsync failed: " + std::strerror(errno));
}

void ProtobufStreamWriter::close() {
  if (fd_ < 0) return;
  flush();
  ::close(fd_);
  fd_ = -1;
}

}  // namespace isocheck
