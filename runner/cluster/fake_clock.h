// FakeClock: the wall clock a throwaway server sees, through libfaketime
// (Debian package libfaketime), so the `clock` fault can jump it.
//
// The server's processes are started with libfaketime preloaded and
// FAKETIME_TIMESTAMP_FILE naming a file in the cluster's own directory that
// holds the offset from real time ("+0", "+90", "-45"): set_offset()
// rewrites it, and every server process reads it again within
// FAKETIME_CACHE_DURATION (1 s). Only the wall clock moves
// (FAKETIME_DONT_FAKE_MONOTONIC=1), as when NTP steps a machine's clock:
// PostgreSQL's timeouts and latches run on the monotonic clock and keep
// working. The file goes with the cluster's directory.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace isocheck::runner {

class FakeClock {
 public:
  // Writes the file with offset zero; throws ClusterError when libfaketime
  // is not installed or the file cannot be written.
  explicit FakeClock(const std::filesystem::path& rc_file);

  // Environment entries (NAME=value) for the server's processes.
  std::vector<std::string> environment() const;
  // The wall clock the server reads becomes real time + offset.
  void set_offset(std::chrono::seconds offset);
  std::chrono::seconds offset() const { return offset_; }
  const std::filesystem::path& rc_file() const { return rc_file_; }

 private:
  std::filesystem::path library_;
  std::filesystem::path rc_file_;
  std::chrono::seconds offset_{0};
};

}  // namespace isocheck::runner
