// Paths tests need: the source tree (for histories/) and the isocheck
// executable (for end-to-end CLI tests), fixed at build time.
#pragma once

#include <string>

namespace isocheck::testing {

std::string source_path(const std::string& relative);  // ISOCHECK_SOURCE_DIR/relative
std::string isocheck_binary();

}  // namespace isocheck::testing
