#include <iostream>
#include <memory>

#include "checker/formats/history_format.h"
#include "checker/formats/load_history.h"
#include "checker/formats/write_history.h"
#include "cli/check_options.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace isocheck::cli {

void add_convert_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::string in, out, to, workload;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "convert", "Convert a history between Jepsen EDN, JSON lines and protobuf");
  cmd->add_option("input", o->in, "History file to read (format detected)")->required();
  cmd->add_option("output", o->out,
                  "File to write (format from --to, else the extension: .edn .jsonl .pb)")
      ->required();
  cmd->add_option("--to", o->to, "Output format: edn, jsonl, protobuf");
  cmd->add_option("--workload,-w", o->workload,
                  "list-append, rw-register, bank or predicate (default: detected)");
  cmd->callback([o, &exit_code] {
    try {
      std::optional<HistoryFormat> format =
          o->to.empty() ? detect_format_of({}, o->out) : parse_format(o->to);
      if (!format) {
        std::cerr << "isocheck: "
                  << (o->to.empty()
                          ? o->out + ": cannot tell the output format from the extension; pass --to"
                          : "--to: unknown format '" + o->to + "' (edn, jsonl, protobuf)")
                  << "\n";
        exit_code = kExitBadInput;
        return;
      }
      LoadOptions load;
      if (!o->workload.empty()) load.workload_override = parse_workload(o->workload);
      stop_loads_on_interrupt();
      LoadedHistory loaded = load_history(o->in, load);
      for (const std::string& w : loaded.warnings) std::cerr << "warning: " << w << "\n";
      write_history(loaded.history, o->out, *format);
      exit_code = kExitValid;
    } catch (const LoadInterrupted& e) {
      std::cerr << "isocheck: " << e.what() << "\n";
      exit_code = kExitInterrupted;
    } catch (const std::exception& e) {
      std::cerr << "isocheck: " << e.what() << "\n";
      exit_code = kExitBadInput;
    }
  });
}

}  // namespace isocheck::cli
