#include "tests/support/isocheck_command.h"

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "tests/support/test_paths.h"

namespace isocheck::testing {

CommandOutput run_isocheck(const std::string& args, const std::string& err_path) {
  std::string cmd = isocheck_binary() + " " + args + " 2>" + err_path;
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  int status = pclose(pipe);
  std::ifstream err_in(err_path);
  std::stringstream err;
  err << err_in.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, err.str()};
}

}  // namespace isocheck::testing
