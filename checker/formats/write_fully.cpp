#include "checker/formats/write_fully.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace isocheck {

void write_fully(int fd, const char* data, size_t size, const std::string& path) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(path + ": write failed: " + std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
}

}  // namespace isocheck
