// signal_process_tree: sends one signal to a server process and every
// process it started — how the nemesis stops (SIGSTOP) and resumes
// (SIGCONT) a whole PostgreSQL server, and how clean-up makes sure no part
// of a stopped server is left frozen.
//
// Children are found in /proc by parent pid, one level deep: a postmaster's
// backends and auxiliary processes are all its direct children.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <vector>

namespace isocheck::runner {

// The pids whose parent is `parent`, read from /proc/<pid>/stat.
std::vector<pid_t> child_processes(pid_t parent);

// Signals `root` and then its children; returns the pids signalled (those
// that vanished meanwhile are left out).
std::vector<pid_t> signal_process_tree(pid_t root, int signo);

// The state letter of /proc/<pid>/stat ('T' stopped, 'R' running, ...);
// '?' when the process is gone.
char process_state(pid_t pid);

// Waits until every one of `pids` is stopped ('T') or gone, for at most
// `limit`: a SIGSTOP takes effect only when the kernel next schedules the
// process, which on a loaded machine can take a while. Returns how many
// are stopped.
size_t await_stopped(const std::vector<pid_t>& pids, std::chrono::milliseconds limit);

}  // namespace isocheck::runner
