// IntText: an int64 as a NUL-terminated decimal string on the stack, for
// binding as a libpq text parameter without allocating.
#pragma once

#include <charconv>
#include <cstdint>

namespace isocheck::runner {

class IntText {
 public:
  explicit IntText(int64_t v) { *std::to_chars(buf_, buf_ + sizeof(buf_) - 1, v).ptr = '\0'; }
  const char* c_str() const { return buf_; }

 private:
  char buf_[24];
};

}  // namespace isocheck::runner
