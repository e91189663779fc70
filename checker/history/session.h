// Session: the isolation level one client connection of a run really ran
// at (proto Session). Like a Fault it is a fact about the run, not a
// transaction: it never enters any order and makes no anomaly; the check
// compares it with the level the run asked for (effective_isolation.h).
#pragma once

#include <cstdint>
#include <string>

namespace isocheck {

struct Session {
  int64_t process = 0;
  int32_t backend_pid = 0;
  std::string level;  // as the server says it ("read committed"); never empty
  int64_t time_ns = 0;
};

}  // namespace isocheck
