// fuzz_load: the body every loader fuzz target shares (libFuzzer, see
// tests/fuzz/README.md).
//
// Contract: writes the fuzzer's bytes to an anonymous in-memory file and
// loads it with load_history() in the given format, the way `isocheck
// check --format` would. A LoadError is the expected answer to bad input and
// is swallowed; any other exception escapes, and libFuzzer reports it as a
// crash, as it does for sanitizer findings, leaks and timeouts.
#pragma once

#include <cstddef>
#include <cstdint>

#include "checker/formats/history_format.h"

namespace isocheck::fuzz {

int load_bytes(const uint8_t* data, size_t size, HistoryFormat format);

}  // namespace isocheck::fuzz
