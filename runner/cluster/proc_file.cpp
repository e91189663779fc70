#include "runner/cluster/proc_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace isocheck::runner {

std::string read_proc_file(const std::string& path) noexcept {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  std::string text = read_rest(fd);
  ::close(fd);
  return text;
}

std::string read_rest(int fd) noexcept {
  std::string text;
  char buffer[4096];
  try {
    while (true) {
      ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      text.append(buffer, static_cast<size_t>(n));
    }
  } catch (...) {
    // Out of memory while appending: what was read so far is the answer.
  }
  return text;
}

}  // namespace isocheck::runner
