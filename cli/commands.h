// Registration of isocheck's subcommands. Each add_*_command registers one
// subcommand on `app`; its callback stores the process exit code in
// `exit_code` (see exit_codes.h).
#pragma once

#include <CLI/CLI.hpp>

namespace isocheck::cli {

void add_check_command(CLI::App& app, int& exit_code);
void add_explain_command(CLI::App& app, int& exit_code);
void add_convert_command(CLI::App& app, int& exit_code);
void add_run_command(CLI::App& app, int& exit_code);
// verify: 0 every claim holds, 1 some claim violated, 2 the job could not
// run (usage, server unreachable, binaries missing, interrupted), 3 nothing
// violated but a cycle search was cut short.
void add_verify_command(CLI::App& app, int& exit_code);
// compare: 0 no claim newly violated, 1 some claim newly violated, 2 bad input.
void add_compare_command(CLI::App& app, int& exit_code);
// replay: 1 the witness's anomaly came again, 0 it did not, 2 bad input or no server.
void add_replay_command(CLI::App& app, int& exit_code);

}  // namespace isocheck::cli
