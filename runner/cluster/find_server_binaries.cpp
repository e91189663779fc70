// find_server_binaries (declared in embedded_cluster.h): where initdb,
// pg_ctl and postgres live.
//
// Debian's pg_config belongs to the client package (libpq-dev) and may name a
// bindir without a server in it, so every candidate is checked for the three
// tools rather than trusted.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <string>

#include "runner/cluster/embedded_cluster.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;

constexpr std::array<const char*, 3> kServerTools = {"initdb", "pg_ctl", "postgres"};

// The first of the tools missing from `dir`, or "" when all are there.
std::string missing_tool(const fs::path& dir) {
  for (const char* tool : kServerTools) {
    if (::access((dir / tool).c_str(), X_OK) != 0) return tool;
  }
  return "";
}

std::optional<fs::path> pg_config_bindir() {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen("pg_config --bindir 2>/dev/null", "r"),
                                             &::pclose);
  if (!pipe) return std::nullopt;
  std::string out;
  char buf[512];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe.get())) out.append(buf, n);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  if (out.empty()) return std::nullopt;
  return fs::path(out);
}

// "15" -> 15, "9.6" -> 9.6: the numeric major version of a Debian layout dir.
double version_of(const fs::path& dir) {
  try {
    return std::stod(dir.filename().string());
  } catch (const std::exception&) {
    return -1;
  }
}

std::optional<fs::path> newest_debian_bindir() {
  std::error_code ec;
  std::optional<fs::path> best;
  double best_version = -1;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    fs::path bin = entry.path() / "bin";
    double version = version_of(entry.path());
    if (missing_tool(bin).empty() && version > best_version) {
      best = bin;
      best_version = version;
    }
  }
  return best;
}

}  // namespace

fs::path find_server_binaries(const std::optional<fs::path>& explicit_dir) {
  if (explicit_dir) {
    std::string missing = missing_tool(*explicit_dir);
    if (!missing.empty()) {
      throw ClusterError("--pg-bin " + explicit_dir->string() + ": no executable " + missing +
                         " there");
    }
    return *explicit_dir;
  }
  if (auto dir = pg_config_bindir(); dir && missing_tool(*dir).empty()) return *dir;
  if (auto dir = newest_debian_bindir()) return *dir;
  throw ClusterError(
      "no PostgreSQL server binaries found (pg_config --bindir has no initdb/pg_ctl/postgres, "
      "nor has /usr/lib/postgresql/*/bin); install the server or pass --pg-bin");
}

}  // namespace isocheck::runner
