// What a failed initdb or server start said, and keeping its log.
//
// A throwaway cluster's temp dir is removed when it fails to start, and
// with it the log that says why. So the reason is taken out first (the
// log's last lines that carry the cause, not the tool's "Try --help" or
// "removing data directory" epilogue) and the whole log is copied out of
// the temp dir, next to it, for the user to read.
#pragma once

#include <filesystem>
#include <string>

namespace isocheck::runner {

// The last non-blank lines of `log` that are not a tool's epilogue, at most
// `max_lines`, joined by " / "; the last line when every line is epilogue.
std::string failure_cause(const std::filesystem::path& log, size_t max_lines = 2);

// Copies `log` to "<root_dir>-<log's file name>" (beside the temp dir, so
// it outlives the dir's removal) and returns that path; "" when the copy
// fails (the message then names no file that does not exist).
std::filesystem::path keep_failed_log(const std::filesystem::path& log,
                                      const std::filesystem::path& root_dir);

// "<cause> (log kept in <path>)", or just the cause when it could not be
// kept or when a stop was requested (cleanup_on_signal.h): then the failure
// is the interrupt's doing and nothing may outlive the run.
std::string cause_with_kept_log(const std::filesystem::path& log,
                                const std::filesystem::path& root_dir, const std::string& cause);

}  // namespace isocheck::runner
