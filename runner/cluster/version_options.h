// The initdb options and postgresql.conf settings a throwaway server gets,
// chosen for the server's version (server_version.h).
//
// Contract: only options and setting names that version has are returned.
// Options that appeared after the oldest supported release are left out for
// older servers; settings PostgreSQL renamed are written under the name the
// server knows, their value converted (a table each, below in the .cpp).
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "runner/cluster/server_version.h"

namespace isocheck::runner {

// The full initdb argv for `data_dir` (argv[0] is `<bin_dir>/initdb`).
std::vector<std::string> initdb_arguments(const ServerVersion& version,
                                          const std::filesystem::path& bin_dir,
                                          const std::filesystem::path& data_dir);

// `settings` as `version` names them: a renamed setting becomes its older
// name with its value converted; every other setting is passed unchanged
// (an unknown one is the server's to refuse, with its own message). Throws
// ClusterError when a renamed setting's value cannot be converted.
std::vector<std::pair<std::string, std::string>> settings_for_version(
    const ServerVersion& version, const std::vector<std::pair<std::string, std::string>>& settings);

}  // namespace isocheck::runner
