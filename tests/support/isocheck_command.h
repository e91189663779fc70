// run_isocheck: runs the isocheck executable with `args` through the shell
// and returns its exit code, stdout and stderr (stderr goes through
// `err_path`, which the caller's scratch directory owns). For the CLI tests.
#pragma once

#include <string>

namespace isocheck::testing {

struct CommandOutput {
  int exit_code;  // -1 when the process did not exit normally
  std::string out;
  std::string err;
};

CommandOutput run_isocheck(const std::string& args, const std::string& err_path);

}  // namespace isocheck::testing
