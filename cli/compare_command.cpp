#include <iostream>
#include <memory>

#include "checker/claims/compare.h"
#include "checker/claims/verify_json.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace isocheck::cli {

void add_compare_command(CLI::App& app, int& exit_code) {
  auto files = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* cmd = app.add_subcommand("compare",
                                     "Compare two `isocheck verify` JSON results: changed claims, "
                                     "anomalies, throughput");
  cmd->add_option("before", files->first, "The older verify.json")->required();
  cmd->add_option("after", files->second, "The newer verify.json")->required();
  cmd->callback([files, &exit_code] {
    ReportComparison comparison;
    try {
      comparison =
          compare_reports(read_verify_report(files->first), read_verify_report(files->second));
    } catch (const VerifyJsonError& e) {
      std::cerr << "isocheck compare: " << e.what() << "\n";
      exit_code = kExitBadInput;
      return;
    }
    print_report_comparison(std::cout, comparison);
    exit_code = comparison.newly_violated > 0 ? kExitInvalid : kExitValid;
  });
}

}  // namespace isocheck::cli
