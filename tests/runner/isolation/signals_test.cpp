// The signals matrix (issue 11): `isocheck run` and `isocheck verify`, each
// with its own throwaway server, get SIGINT, SIGTERM or SIGHUP at every
// phase — initdb, server start, workload, check — and must leave no
// process and no directory of their own behind. A second signal (the
// impatient user; what `replay` once failed at) must still clean up. These
// runs make no network namespace; signals during partitions, and what they
// must remove, are in tests/runner/nemesis/fault_cleanup_test.cpp.
//
// Each phase is awaited from the process state or the files, never from a
// fixed sleep: initdb and pg_ctl are found in /proc by their working
// directory (inside the run's private TMPDIR) and frozen (SIGSTOP) while the
// signal is sent, so the signal lands in that phase however loaded the
// machine is; the workload is a history file that grows; the check starts
// when the run's --out lock is gone (output_lock.h), and isocheck itself is
// frozen while the signal is sent.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include "runner/cluster/proc_file.h"
#include "runner/cluster/stray_processes.h"
#include "tests/runner/isolation/checked_run.h"
#include "tests/runner/isolation/child_process.h"
#include "tests/support/test_paths.h"

namespace isocheck::runner::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

enum class Phase { kInitdb, kStart, kWorkload, kCheck };
constexpr const char* kPhaseNames[] = {"initdb", "start", "workload", "check"};
enum class Command { kRun, kVerify };

// Pids whose working directory is inside `dir`, optionally only those whose
// command name is `comm`.
std::vector<pid_t> processes_in(const std::string& dir, const std::string& comm = "") {
  std::vector<pid_t> found;
  for (pid_t pid : processes_working_in(dir)) {
    std::string c = read_proc_file("/proc/" + std::to_string(pid) + "/comm");
    while (!c.empty() && c.back() == '\n') c.pop_back();
    if (comm.empty() || c == comm) found.push_back(pid);
  }
  return found;
}

uintmax_t size_or_zero(const fs::path& path) {
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  return ec ? 0 : size;
}

// Polls `condition` every millisecond until it holds, the child exits or
// `cap` passes.
bool await(ChildProcess& child, const std::function<bool()>& condition, seconds cap) {
  auto deadline = std::chrono::steady_clock::now() + cap;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    if (child.wait_for_exit(milliseconds(0))) return false;
    std::this_thread::sleep_for(milliseconds(1));
  }
  return false;
}

struct Case {
  Command command;
  int signo;
  Phase phase;
  bool twice;
};

std::string case_name(const Case& c) {
  return std::string(c.command == Command::kRun ? "run" : "verify") + " " + sigabbrev_np(c.signo) +
         (c.twice ? " x2" : "") + " at " + kPhaseNames[static_cast<int>(c.phase)];
}

class Signals : public ::testing::TestWithParam<Case> {};

TEST_P(Signals, LeaveNothingBehind) {
  const Case c = GetParam();
  SCOPED_TRACE(case_name(c));
  ScratchDir dir("signals");
  const fs::path root = dir.file("");
  const std::string tmp = (root / "tmp").string();
  fs::create_directories(tmp);
  const fs::path out = root / "verify-out";
  // The file that grows during the workload, and the run's --out lock.
  const fs::path history =
      c.command == Command::kRun ? root / "h.pb" : out / "serializable-list-append.pb";
  const fs::path lock = history.string() + ".lock";
  // The check phase comes only once the workload has ended by itself.
  const std::string duration = c.phase == Phase::kCheck ? "3s" : "60s";
  std::vector<std::string> args = {"TMPDIR=" + tmp, isocheck::testing::isocheck_binary()};
  if (c.command == Command::kRun) {
    for (const char* a : {"run", "--clients", "2", "--quiet", "--out"}) args.push_back(a);
    args.push_back(history.string());
  } else {
    for (const char* a : {"verify", "--levels", "serializable", "--workloads", "list-append",
                          "--hot-duration", "0", "--clients", "2", "--out"})
      args.push_back(a);
    args.push_back(out.string());
  }
  args.push_back("--duration");
  args.push_back(duration);
  ChildProcess child("/usr/bin/env", args, (root / "child").string());

  std::vector<pid_t> frozen;
  bool reached = false;
  switch (c.phase) {
    case Phase::kInitdb:
    case Phase::kStart: {
      const char* tool = c.phase == Phase::kInitdb ? "initdb" : "pg_ctl";
      reached = await(
          child,
          [&] {
            frozen = processes_in(tmp, tool);
            for (pid_t p : frozen) ::kill(p, SIGSTOP);
            return !frozen.empty();
          },
          seconds(120));
      break;
    }
    case Phase::kWorkload:
      reached = await(
          child, [&] { return size_or_zero(history) > 4096; }, seconds(120));
      break;
    case Phase::kCheck: {
      bool locked = false;
      reached = await(
          child,
          [&] {
            locked |= fs::exists(lock);
            return locked && size_or_zero(history) > 4096 && !fs::exists(lock);
          },
          seconds(120));
      if (reached) frozen = {child.pid()};
      for (pid_t p : frozen) ::kill(p, SIGSTOP);
      break;
    }
  }
  ASSERT_TRUE(reached) << "phase never reached; stderr: " << child.err();
  ::kill(child.pid(), c.signo);
  if (c.twice) {
    // Two standard signals sent back to back merge into one: the second
    // goes only once isocheck has said it took the first.
    ASSERT_TRUE(await(
        child, [&] { return child.err().find("interrupted; finishing up") != std::string::npos; },
        seconds(60)))
        << child.err();
    ::kill(child.pid(), c.signo);
  }
  for (pid_t p : frozen) ::kill(p, SIGCONT);

  std::optional<int> code = child.wait_for_exit(seconds(120));
  ASSERT_TRUE(code.has_value()) << "still running; stderr: " << child.err();
  const std::string err = child.err();
  if (c.twice) {
    EXPECT_EQ(*code, 128 + c.signo) << err;
  } else if (c.command == Command::kVerify) {
    EXPECT_EQ(*code, 2) << err;
    EXPECT_NE(err.find("interrupted"), std::string::npos) << err;
  } else if (c.phase == Phase::kInitdb || c.phase == Phase::kStart) {
    EXPECT_EQ(*code, 3) << err;
    EXPECT_NE(err.find("interrupted before the workload started"), std::string::npos) << err;
  } else {
    EXPECT_EQ(*code, 0) << child.out() << err;
  }
  std::vector<pid_t> left = processes_in(tmp);
  EXPECT_TRUE(left.empty()) << left.size() << " processes left, first "
                            << (left.empty() ? 0 : left.front());
  // Every path left, not just the first: which files survive says which
  // process wrote them last.
  std::string entries;
  for (const auto& e : fs::recursive_directory_iterator(tmp)) entries += e.path().string() + " ";
  EXPECT_TRUE(entries.empty()) << "left behind: " << entries;
  // A second signal exits at once: like a kill, it may leave the --out
  // lock file (output_lock.h), which the next run takes over.
  if (!c.twice) {
    EXPECT_FALSE(fs::exists(lock)) << "the --out lock outlived a clean exit";
  }
}

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (Command command : {Command::kRun, Command::kVerify})
    for (int signo : {SIGINT, SIGTERM, SIGHUP})
      for (Phase phase : {Phase::kInitdb, Phase::kStart, Phase::kWorkload, Phase::kCheck})
        cases.push_back({command, signo, phase, false});
  // The second signal: immediate shutdown, in the phases with a server.
  for (Phase phase : {Phase::kInitdb, Phase::kStart, Phase::kWorkload})
    cases.push_back({Command::kRun, SIGTERM, phase, true});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Matrix, Signals, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           std::string name = case_name(info.param);
                           std::replace_if(
                               name.begin(), name.end(),
                               [](char ch) {
                                 return !std::isalnum(static_cast<unsigned char>(ch));
                               },
                               '_');
                           return name;
                         });

}  // namespace
}  // namespace isocheck::runner::testing
