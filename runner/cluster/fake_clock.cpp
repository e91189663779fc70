#include "runner/cluster/fake_clock.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "runner/cluster/embedded_cluster.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;

// Where Debian's libfaketime puts the library (multiarch directories).
constexpr const char* kLibraryPaths[] = {
    "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/faketime/libfaketime.so.1",
};

}  // namespace

FakeClock::FakeClock(const fs::path& rc_file) : rc_file_(rc_file) {
  for (const char* path : kLibraryPaths) {
    if (::access(path, R_OK) == 0) {
      library_ = path;
      break;
    }
  }
  if (library_.empty())
    throw ClusterError("libfaketime.so.1 not found (install the Debian package libfaketime)");
  set_offset(std::chrono::seconds(0));
}

std::vector<std::string> FakeClock::environment() const {
  return {"LD_PRELOAD=" + library_.string(), "FAKETIME_TIMESTAMP_FILE=" + rc_file_.string(),
          "FAKETIME_CACHE_DURATION=1", "FAKETIME_DONT_FAKE_MONOTONIC=1"};
}

void FakeClock::set_offset(std::chrono::seconds offset) {
  // Written beside and renamed over, so a server process never reads half a
  // line.
  fs::path next = rc_file_;
  next += ".next";
  {
    std::ofstream out(next, std::ios::trunc);
    out << (offset.count() >= 0 ? "+" : "") << offset.count() << "\n";
    out.close();
    if (!out) throw ClusterError(next.string() + ": cannot write");
  }
  if (std::rename(next.c_str(), rc_file_.c_str()) != 0)
    throw ClusterError(rc_file_.string() + ": cannot replace");
  offset_ = offset;
}

}  // namespace isocheck::runner
