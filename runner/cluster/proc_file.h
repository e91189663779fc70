// read_proc_file: the text of a /proc entry of a process that may vanish
// at any moment.
//
// Why not std::ifstream: once a process is gone, reading its open
// /proc/<pid>/stat fails with ESRCH, and libstdc++'s filebuf turns that
// into an exception from inside istreambuf_iterator. The clean-up paths
// that read /proc are noexcept (they run on the second Ctrl-C), so such an
// exception ended isocheck in std::terminate, leaving the server and its
// directory behind.
//
// Contract: never throws; returns what could be read (empty when the entry
// is gone or unreadable, possibly cut short when the process died midway).
#pragma once

#include <string>

namespace isocheck::runner {

std::string read_proc_file(const std::string& path) noexcept;

// The rest of the already open `fd` (left open), on the same terms: what a
// reader gets when the process died between opening and reading.
std::string read_rest(int fd) noexcept;

}  // namespace isocheck::runner
