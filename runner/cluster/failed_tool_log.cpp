#include "runner/cluster/failed_tool_log.h"

#include <fstream>
#include <string_view>
#include <vector>

#include "runner/cluster/cleanup_on_signal.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;

// Lines a failing initdb or pg_ctl prints after the cause, which say
// nothing about it.
constexpr std::string_view kEpilogueFragments[] = {
    "Try \"",
    "for more information",
    "removing data directory",
    "removing contents of data directory",
    "data directory \"",
    "child process exited with exit code",
    "waiting for server to start",
    "stopped waiting",
    "pg_ctl: could not start server",
    "Examine the log output",
    " ... ok",  // initdb's progress before the step that failed
};

bool is_epilogue(const std::string& line) {
  for (std::string_view fragment : kEpilogueFragments)
    if (line.find(fragment) != std::string::npos) return true;
  return false;
}

std::string trimmed(const std::string& line) {
  size_t begin = line.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  size_t end = line.find_last_not_of(" \t\r");
  return line.substr(begin, end - begin + 1);
}

}  // namespace

std::string failure_cause(const fs::path& log, size_t max_lines) {
  std::ifstream in(log);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    std::string t = trimmed(line);
    if (!t.empty()) lines.push_back(t);
  }
  std::vector<std::string> cause;
  for (size_t i = lines.size(); i-- > 0 && cause.size() < max_lines;) {
    if (is_epilogue(lines[i])) {
      if (!cause.empty()) break;  // the cause ends where the epilogue starts
      continue;
    }
    cause.insert(cause.begin(), lines[i]);
  }
  if (cause.empty()) return lines.empty() ? "" : lines.back();
  std::string out;
  for (const std::string& line : cause) out += (out.empty() ? "" : " / ") + line;
  return out;
}

fs::path keep_failed_log(const fs::path& log, const fs::path& root_dir) {
  fs::path kept = root_dir.string() + "-" + log.filename().string();
  std::error_code ec;
  if (!fs::exists(log, ec)) return "";
  fs::copy_file(log, kept, fs::copy_options::overwrite_existing, ec);
  return ec ? fs::path() : kept;
}

std::string cause_with_kept_log(const fs::path& log, const fs::path& root_dir,
                                const std::string& cause) {
  // A tool that failed because Ctrl-C or SIGTERM is tearing the run down
  // (the second signal kills initdb and pg_ctl) has nothing to explain, and
  // an interrupted run must leave nothing behind.
  if (stop_requested()) return cause;
  fs::path kept = keep_failed_log(log, root_dir);
  return kept.empty() ? cause : cause + " (log kept in " + kept.string() + ")";
}

}  // namespace isocheck::runner
