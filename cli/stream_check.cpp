#include "cli/stream_check.h"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "checker/formats/history_format.h"
#include "checker/formats/load_error.h"
#include "checker/report/verdict_report.h"
#include "checker/stream/epoch_segment_reader.h"
#include "checker/stream/epoch_stream_checker.h"
#include "cli/exit_codes.h"
#include "cli/model_selection.h"

namespace isocheck::cli {

int check_stream(const CheckCommandOptions& o, bool json) {
  try {
    if (detect_format(o.file) != HistoryFormat::kProtobuf)
      throw LoadError(o.file, "byte 0", "format",
                      "check --stream reads protobuf histories only (isocheck convert it first)");
    if (o.salvage || o.show_order)
      throw std::invalid_argument("--stream cannot be combined with --salvage or --show-order");
    EpochSegmentReader reader(o.file);
    CheckOptions options;
    options.models = resolve_models(o.choice, reader.header());
    if (!o.workload.empty()) {
      options.workload = parse_workload(o.workload);
      if (options.workload == Workload::kUnknown)
        throw std::invalid_argument("--workload: unknown workload '" + o.workload + "'");
    }
    options.max_search_steps_per_component = o.max_search_steps;
    options.max_witnesses_per_kind = witness_cap(o);
    options.max_order_search_steps = o.max_order_steps;
    EpochStreamChecker checker(options);
    while (std::optional<EpochSegment> segment = reader.next()) {
      if (segment->epoch)
        checker.check_epoch(*segment);
      else
        checker.check_after_run(*segment);
    }
    const CheckResult& r = checker.result();
    History none;
    none.header = reader.header();
    if (json) {
      nlohmann::json j = verdict_json(none, r);
      j["warnings"] = r.warnings;
      j["stats"]["epochs"] = checker.epochs_checked();
      std::cout << j.dump(2) << "\n";
    } else {
      for (const std::string& w : reader.warnings()) std::cerr << "warning: " << w << "\n";
      for (const std::string& w : r.warnings) std::cerr << "warning: " << w << "\n";
      std::cout << fmt::format("checked epoch by epoch: {} epochs\n", checker.epochs_checked());
      print_verdict(std::cout, none, r, TerminalStyle{.color = isatty(1) != 0});
    }
    return exit_code_for(r.valid);
  } catch (const LoadError& e) {
    std::cerr << "isocheck: " << e.what() << "\n";
  } catch (const std::invalid_argument& e) {
    std::cerr << "isocheck: " << o.file << ": " << e.what() << "\n";
  }
  return kExitBadInput;
}

}  // namespace isocheck::cli
