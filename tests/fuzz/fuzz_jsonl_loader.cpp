// libFuzzer target: the jsonl history loader (tests/fuzz/README.md).
#include "tests/fuzz/fuzz_load.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return isocheck::fuzz::load_bytes(data, size, isocheck::HistoryFormat::kJsonLines);
}
