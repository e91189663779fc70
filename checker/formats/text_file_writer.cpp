#include "checker/formats/text_file_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace isocheck {

TextFileWriter::TextFileWriter(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error(path + ": cannot create: " + std::strerror(errno));
}

TextFileWriter::~TextFileWriter() {
  try {
    close();
  } catch (const std::exception&) {
    // A destructor cannot report; callers that care call close() themselves.
  }
}

void TextFileWriter::flush() {
  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(path_ + ": write failed: " + std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
}

void TextFileWriter::close() {
  if (fd_ < 0) return;
  try {
    flush();
  } catch (const std::exception&) {
    ::close(fd_);
    fd_ = -1;
    throw;
  }
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) throw std::runtime_error(path_ + ": close failed: " + std::strerror(errno));
}

}  // namespace isocheck
