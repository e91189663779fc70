// `isocheck verify` and `isocheck compare`: registration of the nightly job
// that tests PostgreSQL's isolation claims, and of the diff of two of its
// JSON results. Like every add_*_command, the callback stores the process
// exit code in `exit_code` (cli/exit_codes.h):
//   verify:  0 every claim holds, 1 some claim violated, 2 the job could not
//            run (usage, server unreachable, binaries missing, interrupted),
//            3 nothing violated but a cycle search was cut short.
//   compare: 0 no claim newly violated, 1 some claim newly violated, 2 bad
//            input.
#pragma once

#include <CLI/CLI.hpp>

namespace isocheck::cli {

void add_verify_command(CLI::App& app, int& exit_code);
void add_compare_command(CLI::App& app, int& exit_code);

}  // namespace isocheck::cli
