// `isocheck run`: runs a workload against PostgreSQL (a throwaway embedded
// server unless --dsn or PGHOST says otherwise), records the history and
// checks it against the models the requested isolation level promises.
//
// Exit codes (through `exit_code`): 0 the history is valid, 1 anomalies
// found, 2 the run could not happen (bad option, unreachable server, missing
// server binaries) — with one line on stderr saying why.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isocheck {

void add_run_command(CLI::App& app, int& exit_code);

// "30s", "2m", "1h", "500ms", or a bare number of seconds; nullopt when
// malformed or not positive.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// The consistency models PostgreSQL promises at an isolation level (see
// shared/design/anomalies.md), as check_history model names.
const std::vector<std::string>& models_for_isolation(std::string_view isolation);

}  // namespace isocheck
