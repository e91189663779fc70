#include "runner/cluster/server_version.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace isocheck::runner {
namespace {

// Every PostgreSQL server binary since 7.x prints this before its version.
constexpr std::string_view kVersionPrefix = "postgres (PostgreSQL) ";

// The number at the start of `text`, advancing past it; nullopt if none.
std::optional<int> leading_number(std::string_view& text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  text.remove_prefix(static_cast<size_t>(end - text.data()));
  return value;
}

}  // namespace

std::optional<ServerVersion> parse_postgres_version_line(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.substr(0, kVersionPrefix.size()) != kVersionPrefix) return std::nullopt;
  std::string_view rest = line.substr(kVersionPrefix.size());
  std::optional<int> major = leading_number(rest);
  if (!major) return std::nullopt;
  ServerVersion v{*major, 0, std::string(line)};
  // "15.18", "9.6.24", "17beta1", "16rc1": a minor only after a dot.
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    if (std::optional<int> minor = leading_number(rest)) v.minor = *minor;
  }
  return v;
}

ServerVersion version_from_number(long server_version_num, std::string text) {
  // Since 10 the number is major * 10000 + minor; before, major * 10000 +
  // first-minor * 100 + second-minor.
  int major = static_cast<int>(server_version_num / 10000);
  int minor =
      static_cast<int>(major >= 10 ? server_version_num % 10000 : server_version_num / 100 % 100);
  return {major, minor, std::move(text)};
}

void require_supported(const ServerVersion& v, const std::string& where) {
  if (v.major >= kOldestSupportedMajor) return;
  throw UnsupportedServer(where + ": PostgreSQL " + std::to_string(v.major) +
                          (v.major < 10 ? "." + std::to_string(v.minor) : std::string()) +
                          " is older than " + std::to_string(kOldestSupportedMajor) +
                          ", the oldest release isocheck supports (\"" + v.text + "\")");
}

ServerVersion probe_server_binaries(const std::filesystem::path& bin_dir,
                                    const std::optional<OsUser>& as_user,
                                    const std::filesystem::path& log,
                                    const std::filesystem::path& work_dir) {
  std::filesystem::path postgres = bin_dir / "postgres";
  ToolOutcome outcome = run_server_tool({postgres.string(), "--version"}, as_user, log, work_dir,
                                        std::chrono::seconds(30));
  std::ifstream in(log);
  std::string first_line;
  std::getline(in, first_line);
  if (!outcome.ok())
    throw ClusterError(postgres.string() + " --version failed" +
                       (outcome.timed_out ? std::string(" (timed out)") : std::string()) + ": " +
                       last_log_line(log));
  std::optional<ServerVersion> v = parse_postgres_version_line(first_line);
  if (!v)
    throw UnsupportedServer(postgres.string() + " is not a PostgreSQL server: --version says \"" +
                            first_line + "\"");
  require_supported(*v, postgres.string());
  return *v;
}

}  // namespace isocheck::runner
