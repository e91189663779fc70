#include "tests/support/test_paths.h"

namespace isocheck::testing {

std::string source_path(const std::string& relative) {
  return std::string(ISOCHECK_SOURCE_DIR) + "/" + relative;
}
std::string isocheck_binary() { return ISOCHECK_BINARY; }

}  // namespace isocheck::testing
