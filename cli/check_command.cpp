#include <unistd.h>

#include <iostream>
#include <memory>

#include "checker/report/verdict_report.h"
#include "cli/check_options.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace isocheck::cli {

void add_check_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<CheckCommandOptions>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("check", "Check a saved history against consistency models");
  add_check_options(*cmd, *o);
  cmd->add_flag("--json", *json, "Print one JSON object on stdout instead of the summary");
  cmd->callback([o, json, &exit_code] {
    auto checked = load_and_check(*o);
    if (!checked) {
      exit_code = kExitBadInput;
      return;
    }
    if (*json)
      std::cout << verdict_json(checked->history, checked->result).dump(2) << "\n";
    else
      print_verdict(std::cout, checked->history, checked->result,
                    TerminalStyle{.color = isatty(1) != 0});
    exit_code = exit_code_for(checked->result.valid);
  });
}

}  // namespace isocheck::cli
