#include "checker/formats/text_file_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "checker/formats/write_fully.h"

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
  write_fully(fd_, buffer_.data(), buffer_.size(), path_);
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

void append_quoted_string(fmt::memory_buffer& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"':
        out.append(std::string_view("\\\""));
        break;
      case '\\':
        out.append(std::string_view("\\\\"));
        break;
      case '\n':
        out.append(std::string_view("\\n"));
        break;
      case '\t':
        out.append(std::string_view("\\t"));
        break;
      case '\r':
        out.append(std::string_view("\\r"));
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        else
          out.push_back(c);
    }
  }
  out.push_back('"');
}

}  // namespace isocheck
