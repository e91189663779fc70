#include "tests/fuzz/fuzz_load.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "checker/formats/load_history.h"

namespace isocheck::fuzz {
namespace {

// One memfd reused for every input: creating a file per execution would cost more than
// most loads.
int input_fd() {
  static const int fd = [] {
    int made = ::memfd_create("isocheck-fuzz-input", MFD_CLOEXEC);
    if (made < 0) std::abort();
    return made;
  }();
  return fd;
}

void write_input(int fd, const uint8_t* data, size_t size) {
  if (::ftruncate(fd, 0) != 0) std::abort();
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::pwrite(fd, data + done, size - done, static_cast<off_t>(done));
    if (n <= 0) std::abort();
    done += static_cast<size_t>(n);
  }
}

}  // namespace

int load_bytes(const uint8_t* data, size_t size, HistoryFormat format) {
  const int fd = input_fd();
  write_input(fd, data, size);
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  try {
    LoadOptions options;
    options.format = format;
    load_history(path, options);
  } catch (const LoadError&) {
  }
  return 0;
}

}  // namespace isocheck::fuzz
