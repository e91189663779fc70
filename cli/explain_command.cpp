#include <unistd.h>

#include <iostream>
#include <memory>

#include "checker/formats/recorded_events.h"
#include "checker/report/explain_writer.h"
#include "checker/report/sql_witness.h"
#include "checker/report/verdict_report.h"
#include "cli/check_options.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace isocheck::cli {
namespace {

void print_witness_sql(std::ostream& out, const History& h, const CheckResult& r,
                       const RecordedEvents& events) {
  for (const auto& [kind, list] : r.witnesses) {
    for (size_t i = 0; i < list.size(); ++i) {
      out << "\n-- " << anomaly_name(kind) << "-" << i + 1 << "\n"
          << witness_sql(h, list[i], events);
    }
  }
}

}  // namespace

void add_explain_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<CheckCommandOptions>();
  auto out_dir = std::make_shared<std::string>("explain");
  auto sql = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "explain",
      "Write the witnesses as text, DOT and SVG: minimal cycles with the reason for each edge "
      "(at most --max-witnesses per anomaly kind, default 8; 0 = all)");
  add_check_options(*cmd, *o);
  cmd->add_option("--out,-o", *out_dir, "Directory for the explanation files")
      ->capture_default_str();
  cmd->add_flag("--sql", *sql,
                "Also print every witness as the SQL its transactions ran, interleaved in the "
                "order the server answered, and write it as <kind>-<n>.sql");
  cmd->callback([o, out_dir, sql, &exit_code] {
    stop_loads_on_interrupt();
    int failure_exit = kExitBadInput;
    auto checked = load_and_check(*o, failure_exit);
    if (!checked) {
      exit_code = failure_exit;
      return;
    }
    print_verdict(std::cout, checked->history, checked->result,
                  TerminalStyle{.color = isatty(1) != 0, .witnesses_per_kind = witness_cap(*o)});
    try {
      RecordedEvents events;
      if (*sql) {
        events =
            read_recorded_events(o->file, witness_event_indices(checked->history, checked->result));
        print_witness_sql(std::cout, checked->history, checked->result, events);
      }
      ExplainOutput written =
          write_explanations(checked->history, checked->result, *out_dir, *sql ? &events : nullptr);
      for (const std::string& w : written.warnings) std::cerr << "warning: " << w << "\n";
      std::cout << "\nwrote " << written.files.size() << " files to " << *out_dir << "/\n";
    } catch (const std::exception& e) {
      std::cerr << "isocheck: " << e.what() << "\n";
      exit_code = kExitBadInput;
      return;
    }
    exit_code = exit_code_for(checked->result.valid);
  });
}

}  // namespace isocheck::cli
