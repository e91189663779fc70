// ServerVersion: which PostgreSQL a server or a directory of server binaries
// is, found before isocheck chooses initdb / pg_ctl options and settings.
//
// Contract: every way of learning the version (the `postgres --version` of a
// binaries dir, `server_version_num` of a running server) ends in
// require_supported(), which throws UnsupportedServer (a ClusterError, one
// line naming where the version came from) for a server older than
// kOldestSupportedMajor or one that is not PostgreSQL at all. Callers map it
// to exit 2 like any other server that cannot be used.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "runner/cluster/child_command.h"
#include "runner/cluster/cluster_error.h"

namespace isocheck::runner {

// PostgreSQL 12 is the oldest release isocheck's SQL and tools run on (and
// the oldest the docker/ compose file tests).
inline constexpr int kOldestSupportedMajor = 12;

class UnsupportedServer : public ClusterError {
  using ClusterError::ClusterError;
};

struct ServerVersion {
  int major = 0;  // 15 for 15.18; 9 for 9.6.24 (older than any supported release)
  int minor = 0;
  std::string text;  // what the server said, e.g. "postgres (PostgreSQL) 15.18 (Debian ...)"
};

// "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" -> {15, 18};
// nullopt when the text is not a PostgreSQL server's version line.
std::optional<ServerVersion> parse_postgres_version_line(std::string_view line);

// 150018 (server_version_num) -> {15, 18}; 90624 -> {9, 6}.
ServerVersion version_from_number(long server_version_num, std::string text);

// Runs `<bin_dir>/postgres --version` (as `as_user`, output into `log`) and
// parses it. Throws UnsupportedServer when it is not PostgreSQL or too old,
// ClusterError when it cannot be run.
ServerVersion probe_server_binaries(const std::filesystem::path& bin_dir,
                                    const std::optional<OsUser>& as_user,
                                    const std::filesystem::path& log,
                                    const std::filesystem::path& work_dir);

// Throws UnsupportedServer naming `where` when `v` is older than supported.
void require_supported(const ServerVersion& v, const std::string& where);

}  // namespace isocheck::runner
