// Where each entry comes from: `initdb --no-instructions` is new in
// PostgreSQL 14 (12 and 13 stop with "unrecognized option"); wal_keep_size
// replaced wal_keep_segments (a count of 16 MB segments) in 13.
#include "runner/cluster/version_options.h"

#include <charconv>

namespace isocheck::runner {
namespace {

// Always passed: every supported release has them. -A trust -U postgres,
// locale C with UTF8 and --no-sync: see embedded_cluster.cpp.
constexpr const char* kInitdbBaseOptions[] = {"-A",        "trust", "-U",   "postgres",
                                              "--no-sync", "-E",    "UTF8", "--locale=C"};

struct VersionedOption {
  const char* option;
  int since_major;
};

// The instructions for starting the server are noise in isocheck's log.
constexpr VersionedOption kInitdbVersionedOptions[] = {{"--no-instructions", 14}};

// "256MB" -> 256; nullopt for other units or no number.
std::optional<long> megabytes(const std::string& value) {
  long n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || n < 0) return std::nullopt;
  std::string unit(end, value.data() + value.size());
  if (unit == "MB" || unit.empty()) return n;
  if (unit == "GB") return n * 1024;
  return std::nullopt;
}

// Both settings keep at least the same amount of WAL: 16 MB segments,
// rounded up.
std::optional<std::string> wal_size_to_segments(const std::string& value) {
  std::optional<long> mb = megabytes(value);
  if (!mb) return std::nullopt;
  return std::to_string((*mb + 15) / 16);
}

struct RenamedSetting {
  const char* name;
  int since_major;
  const char* older_name;
  std::optional<std::string> (*older_value)(const std::string&);
};

constexpr RenamedSetting kRenamedSettings[] = {
    {"wal_keep_size", 13, "wal_keep_segments", wal_size_to_segments},
};

}  // namespace

std::vector<std::string> initdb_arguments(const ServerVersion& version,
                                          const std::filesystem::path& bin_dir,
                                          const std::filesystem::path& data_dir) {
  std::vector<std::string> argv = {(bin_dir / "initdb").string(), "-D", data_dir.string()};
  for (const char* option : kInitdbBaseOptions) argv.emplace_back(option);
  for (const VersionedOption& o : kInitdbVersionedOptions)
    if (version.major >= o.since_major) argv.emplace_back(o.option);
  return argv;
}

std::vector<std::pair<std::string, std::string>> settings_for_version(
    const ServerVersion& version,
    const std::vector<std::pair<std::string, std::string>>& settings) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, value] : settings) {
    const RenamedSetting* renamed = nullptr;
    for (const RenamedSetting& r : kRenamedSettings)
      if (name == r.name && version.major < r.since_major) renamed = &r;
    if (!renamed) {
      out.emplace_back(name, value);
      continue;
    }
    std::optional<std::string> older = renamed->older_value(value);
    if (!older)
      throw ClusterError("server setting `" + name + " = " + value + "`: PostgreSQL " +
                         std::to_string(version.major) + " knows it only as " +
                         renamed->older_name +
                         ", and the value cannot be converted (use MB or GB)");
    out.emplace_back(renamed->older_name, *older);
  }
  return out;
}

}  // namespace isocheck::runner
