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

}  // namespace isocheck::cli
