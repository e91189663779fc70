// kill_processes_working_in: the last step of tearing down a throwaway
// server — no process that works inside its directory may outlive it.
//
// Why by working directory: a server caught half-started (pg_ctl start in
// flight when a second Ctrl-C / SIGTERM / SIGHUP arrives) has no
// postmaster.pid yet, so pg_ctl stop cannot find it, and its backends' command
// lines do not name the data dir. But initdb, pg_ctl, the shell pg_ctl starts
// and the postmaster all run with their working directory inside the
// cluster's temp dir (run_server_tool starts tools there; the postmaster
// changes to its data dir, and its children inherit that), so /proc/<pid>/cwd
// finds every one of them.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace isocheck::runner {

// Pids of the processes (other than this one) whose working directory is
// `dir` or below it, as one scan of /proc finds them; `dir` normalized, not
// "/".
std::vector<pid_t> processes_working_in(const std::string& dir);

// SIGKILLs every process whose working directory is `dir` or below it, over
// and over until one scan of /proc finds none (a dying pg_ctl may have forked
// just before), for at most `limit`. Returns how many kills were sent.
// Processes of other users are skipped when not root (they cannot be ours).
size_t kill_processes_working_in(const std::filesystem::path& dir,
                                 std::chrono::milliseconds limit = std::chrono::seconds(5));

}  // namespace isocheck::runner
