// TargetSpec: one server `isocheck verify` tests, as the user named it
// (`--target NAME=SPEC`, or a line of a `--targets FILE`).
//
// SPEC is one of (tried in this order):
//   embedded:[name=value,...]    the throwaway server with these settings
//   pgbouncer:session|transaction[,name=value,...]
//                                the throwaway server (these settings)
//                                behind a PgBouncer isocheck starts itself
//   postgres://... | postgresql://... | anything with '='
//                                a libpq DSN of a server that is running
//   anything else                a directory of server binaries (initdb,
//                                pg_ctl, postgres) for the throwaway server
// NAME is letters, digits, '-', '_' and '.' (it names a directory and a
// JUnit class). A targets file holds one NAME=SPEC per line; blank lines
// and lines starting with '#' are skipped.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runner/cluster/pgbouncer.h"

namespace isocheck::runner {

enum class TargetKind { kEmbedded, kBinDir, kDsn, kPgBouncer };

struct TargetSpec {
  std::string name;
  TargetKind kind = TargetKind::kEmbedded;
  // For reports: the SPEC as given, with a DSN's password removed.
  std::string display;
  std::optional<std::filesystem::path> bin_dir;               // kBinDir
  std::vector<std::pair<std::string, std::string>> settings;  // kEmbedded, kPgBouncer
  std::string dsn;                                            // kDsn
  PoolMode pool_mode = PoolMode::kSession;                    // kPgBouncer
};

// Parses "NAME=SPEC"; throws VerifyError (verify_matrix.h) with one line
// naming `where` ("--target", "targets.txt:3") and the problem.
TargetSpec parse_target(const std::string& text, const std::string& where);

// Every target of a targets file, in order. Throws VerifyError naming the
// file and line.
std::vector<TargetSpec> read_targets_file(const std::string& path);

}  // namespace isocheck::runner
