#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "checker/report/verdict_report.h"
#include "cli/check_options.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/stream_check.h"

namespace isocheck::cli {
namespace {

// What check adds to the shared verdict JSON: warnings, what the version
// order search did, and with --show-order the order found.
void add_search_json(nlohmann::json& j, const CheckResult& r, bool show_order) {
  j["warnings"] = r.warnings;
  nlohmann::json searches = nlohmann::json::array();
  for (const OrderSearchStats& s : r.order_searches)
    searches.push_back({{"model", s.model},
                        {"outcome", s.outcome},
                        {"unordered_write_pairs", s.pairs},
                        {"forced", s.forced},
                        {"free", s.free},
                        {"searched", s.searched},
                        {"backtracks", s.backtracks},
                        {"seconds", s.seconds}});
  j["stats"]["version_order_search"] = std::move(searches);
  j["stats"]["order_seconds"] = r.stats.order_seconds;
  if (!show_order) return;
  nlohmann::json orders = nlohmann::json::array();
  for (const KeyVersions& k : r.version_orders)
    orders.push_back({{"key", k.key}, {"versions", k.versions}});
  j["version_orders"] = {{"model", r.version_orders_model}, {"keys", std::move(orders)}};
}

void print_orders(std::ostream& out, const CheckResult& r) {
  if (r.version_orders_model.empty()) {
    out << "\nno version order to show: only rw-register histories valid for snapshot "
           "isolation or a serializable model have one\n";
    return;
  }
  out << fmt::format("\nversion order satisfying {}:\n", r.version_orders_model);
  for (const KeyVersions& k : r.version_orders)
    out << fmt::format("  key {}: {}\n", k.key, fmt::join(k.versions, " "));
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<CheckCommandOptions>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("check", "Check a saved history against consistency models");
  add_check_options(*cmd, *o);
  cmd->add_flag("--json", *json, "Print one JSON object on stdout instead of the summary");
  auto stream = std::make_shared<bool>(false);
  cmd->add_flag("--stream", *stream,
                "Check a protobuf history recorded in epochs (isocheck run --epoch) epoch by "
                "epoch, in bounded memory");
  cmd->callback([o, json, stream, &exit_code] {
    stop_loads_on_interrupt();
    if (*stream) {
      exit_code = check_stream(*o, *json);
      return;
    }
    int failure_exit = kExitBadInput;
    auto checked = load_and_check(*o, failure_exit);
    if (!checked) {
      exit_code = failure_exit;
      return;
    }
    const CheckResult& r = checked->result;
    if (*json) {
      nlohmann::json j = verdict_json(checked->history, r);
      add_search_json(j, r, o->show_order);
      std::cout << j.dump(2) << "\n";
    } else {
      for (const std::string& w : r.warnings) std::cerr << "warning: " << w << "\n";
      print_verdict(std::cout, checked->history, r, TerminalStyle{.color = isatty(1) != 0});
      if (o->show_order) print_orders(std::cout, r);
    }
    exit_code = exit_code_for(r.valid);
  });
}

}  // namespace isocheck::cli
