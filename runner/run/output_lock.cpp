#include "runner/run/output_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace isocheck::runner {
namespace {

// The pid the lock holder wrote into the lock file; "" when unreadable.
std::string holder_of(int fd) {
  char buffer[32] = {};
  ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  if (n <= 0) return "";
  std::string text(buffer, static_cast<size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

bool same_file(int fd, const std::string& path) {
  struct stat locked {
  }, at_path{};
  return ::fstat(fd, &locked) == 0 && ::stat(path.c_str(), &at_path) == 0 &&
         locked.st_ino == at_path.st_ino && locked.st_dev == at_path.st_dev;
}

}  // namespace

OutputLock::OutputLock(const std::string& out) : lock_path_(out + ".lock") {
  // A lock file the previous holder unlinks between our open() and flock()
  // is no lock at all: retry until the locked file is the one at the path.
  for (int attempt = 0; attempt < 100; ++attempt) {
    int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
      throw std::runtime_error(
          fmt::format("--out {}: cannot create {}: {}", out, lock_path_, std::strerror(errno)));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      int err = errno;
      std::string holder = holder_of(fd);
      ::close(fd);
      if (err == EWOULDBLOCK)
        throw std::runtime_error(fmt::format(
            "--out {}: another isocheck run{} is writing this history; wait for it or choose "
            "another --out",
            out, holder.empty() ? "" : " (pid " + holder + ")"));
      throw std::runtime_error(
          fmt::format("--out {}: cannot lock {}: {}", out, lock_path_, std::strerror(err)));
    }
    if (same_file(fd, lock_path_)) {
      fd_ = fd;
      // The pid only makes a refused run's message friendlier: failing to
      // write it changes nothing else.
      std::string pid = std::to_string(::getpid()) + "\n";
      bool noted = ::ftruncate(fd, 0) == 0 && ::pwrite(fd, pid.data(), pid.size(), 0) > 0;
      (void)noted;
      return;
    }
    ::close(fd);
  }
  throw std::runtime_error(fmt::format("--out {}: cannot take the lock {}", out, lock_path_));
}

OutputLock::~OutputLock() {
  // Unlinked while still locked: a run that opened the old file meanwhile
  // sees the path no longer names it and takes a fresh one.
  ::unlink(lock_path_.c_str());
  ::close(fd_);
}

}  // namespace isocheck::runner
