// isocheck: does a PostgreSQL server really give the isolation it promises?
// A thin front over the checker and runner libraries; every subcommand lives
// in its own file and registers itself here.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "runner/cluster/cleanup_on_signal.h"

int main(int argc, char** argv) {
  using namespace isocheck::cli;
  // Before any thread exists, so every thread inherits the blocked signals
  // and Ctrl-C reaches the one thread that stops runs and servers cleanly.
  isocheck::runner::install_signal_cleanup();
  CLI::App app{"isocheck: tests whether PostgreSQL delivers the isolation it claims"};
  app.set_version_flag("--version", ISOCHECK_VERSION);
  app.require_subcommand(1);
  int exit_code = kExitValid;
  add_check_command(app, exit_code);
  add_explain_command(app, exit_code);
  add_convert_command(app, exit_code);
  add_run_command(app, exit_code);
  add_verify_command(app, exit_code);
  add_compare_command(app, exit_code);
  add_replay_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitValid : kExitBadInput;
  }
  return exit_code;
}
