// Test support: the isocheck executable run as a child process, its stdout
// and stderr captured in files, so tests can signal it and read what it said.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace isocheck::runner::testing {

class ChildProcess {
 public:
  // Starts `program` with `args` (argv[1..]); stdout and stderr go to
  // `output_prefix`.out / .err. Throws std::runtime_error if it cannot.
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::string& output_prefix);
  // SIGKILLs and reaps the child if it is still running.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Polls until the child exits or `cap` passes. The exit status
  // (128 + signal when killed), or nullopt if still running.
  std::optional<int> wait_for_exit(std::chrono::milliseconds cap);
  void kill_hard();  // SIGKILL

  std::string out() const;
  std::string err() const;

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
  std::string out_path_, err_path_;
};

}  // namespace isocheck::runner::testing
