#include "cli/check_options.h"

#include <fmt/format.h>

#include <iostream>
#include <stdexcept>

#include "checker/formats/load_error.h"
#include "checker/formats/load_history.h"
#include "cli/exit_codes.h"
#include "runner/cluster/cleanup_on_signal.h"

namespace isocheck::cli {
namespace {

// Anomalies found in a prefix are real, but the dropped tail may hide more: a pass on a
// salvaged prefix is no pass.
void mark_salvaged(CheckResult& result, const SalvagedPrefix& salvaged) {
  std::string why = fmt::format(
      "only records 0 to {} were checked: --salvage dropped {} corrupt bytes from byte {} on ({})",
      salvaged.from_record - 1, salvaged.dropped_bytes, salvaged.from_byte, salvaged.reason);
  if (result.valid == Validity::kValid) {
    result.valid = Validity::kUnknown;
    result.unknown_reasons.push_back(std::move(why));
  } else {
    result.warnings.push_back(std::move(why));
  }
}

}  // namespace

void add_check_options(CLI::App& cmd, CheckCommandOptions& o) {
  cmd.add_option("file", o.file, "History file: isocheck protobuf, JSON lines, or Jepsen EDN")
      ->required();
  cmd.add_option("--model,-m", o.choice.models,
                 "Consistency model(s) to check, e.g. serializable, snapshot-isolation "
                 "(repeatable, or comma-separated)")
      ->allow_extra_args(false);
  cmd.add_option("--isolation,-i", o.choice.isolation,
                 "Check what PostgreSQL claims for this level: read-uncommitted, read-committed, "
                 "repeatable-read, serializable");
  cmd.add_option(
      "--workload,-w", o.workload,
      "list-append, rw-register, bank or predicate (default: detected from the micro-ops)");
  cmd.add_option("--max-search-steps", o.max_search_steps,
                 "Work allowed for one cycle kind in one strongly connected component; past it the "
                 "verdict says unknown");
  cmd.add_option("--witnesses,--max-witnesses", o.witnesses,
                 "Witnesses kept (and explained) per anomaly kind, 0 = all; the count of every "
                 "kind is reported in full either way")
      ->capture_default_str();
  cmd.add_option("--max-order-steps", o.max_order_steps,
                 "rw-register: choices the search for a version order may try per model; past "
                 "it the verdict says unknown");
  cmd.add_flag("--salvage", o.salvage,
               "Protobuf history corrupt before its end: check the whole records before the "
               "corruption instead of refusing the file; a valid verdict is then reported as "
               "unknown (exit 3)");
  cmd.add_flag("--show-order", o.show_order,
               "rw-register: print one version order of every key that satisfies the strongest "
               "model found valid");
  cmd.add_flag("--no-time", o.no_time,
               "Ignore the recorded times (real-time order follows event indices either way; "
               "times are then not quoted in explanations)");
}

void stop_loads_on_interrupt() { set_load_interrupt_probe(&runner::stop_requested); }

std::optional<CheckedHistory> load_and_check(const CheckCommandOptions& o, int& failure_exit) {
  failure_exit = kExitBadInput;
  try {
    LoadOptions load;
    load.salvage = o.salvage;
    if (!o.workload.empty()) {
      load.workload_override = parse_workload(o.workload);
      if (load.workload_override == Workload::kUnknown)
        throw std::invalid_argument("--workload: unknown workload '" + o.workload + "'");
    }
    load.ignore_time = o.no_time;
    LoadedHistory loaded = load_history(o.file, load);
    for (const std::string& w : loaded.warnings) std::cerr << "warning: " << w << "\n";
    CheckOptions options;
    options.models = resolve_models(o.choice, loaded.history.header);
    options.workload = load.workload_override;
    options.max_search_steps_per_component = o.max_search_steps;
    options.max_witnesses_per_kind = witness_cap(o);
    options.max_order_search_steps = o.max_order_steps;
    options.want_version_orders = o.show_order;
    CheckResult result = check_history(loaded.history, options);
    if (loaded.salvaged) mark_salvaged(result, *loaded.salvaged);
    return CheckedHistory{std::move(loaded.history), std::move(result)};
  } catch (const LoadError& e) {
    std::cerr << "isocheck: " << e.what() << "\n";
  } catch (const LoadInterrupted& e) {
    std::cerr << "isocheck: " << e.what() << "\n";
    failure_exit = kExitInterrupted;
  } catch (const std::invalid_argument& e) {
    std::cerr << "isocheck: " << o.file << ": " << e.what() << "\n";
  }
  return std::nullopt;
}

std::optional<CheckedHistory> load_and_check(const CheckCommandOptions& o) {
  int failure_exit = kExitBadInput;
  return load_and_check(o, failure_exit);
}

int exit_code_for(Validity v) {
  switch (v) {
    case Validity::kValid:
      return kExitValid;
    case Validity::kInvalid:
      return kExitInvalid;
    case Validity::kUnknown:
      return kExitUnknown;
  }
  return kExitBadInput;
}

}  // namespace isocheck::cli
