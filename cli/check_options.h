// The options `check` and `explain` share, and the one routine both use to
// load a history file and check it. Errors that make the input unusable are
// reported as one line on stderr and mapped to kExitBadInput.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "checker/check/check_history.h"
#include "checker/history/history.h"
#include "cli/model_selection.h"

namespace isocheck::cli {

struct CheckCommandOptions {
  std::string file;
  ModelChoice choice;
  std::string workload;  // empty: detect
  uint64_t max_search_steps = CheckOptions{}.max_search_steps_per_component;
  size_t witnesses = CheckOptions{}.max_witnesses_per_kind;  // 0: all
  uint64_t max_order_steps = CheckOptions{}.max_order_search_steps;
  bool show_order = false;
  bool no_time = false;
  bool salvage = false;
};

// The witnesses to keep per kind: `witnesses`, with 0 meaning all.
inline size_t witness_cap(const CheckCommandOptions& o) {
  return o.witnesses == 0 ? SIZE_MAX : o.witnesses;
}

void add_check_options(CLI::App& cmd, CheckCommandOptions& o);

struct CheckedHistory {
  History history;
  CheckResult result;
};

// Loads and checks `o.file`; on bad input (or an interrupted load) prints
// one line to stderr, sets `failure_exit` to kExitBadInput (kExitInterrupted)
// and returns nullopt. With o.salvage, a protobuf history corrupt before its
// end is checked up to the corruption, and a valid verdict becomes unknown.
std::optional<CheckedHistory> load_and_check(const CheckCommandOptions& o, int& failure_exit);
// The same, for callers that map every failure to kExitBadInput.
std::optional<CheckedHistory> load_and_check(const CheckCommandOptions& o);

// Lets SIGINT/SIGTERM stop every later history load of this process
// (load_interrupt.h). For commands whose only work is a load and a check
// (check, explain, convert); `run` checks what it recorded even after Ctrl-C.
void stop_loads_on_interrupt();

// Exit code for a verdict.
int exit_code_for(Validity v);

}  // namespace isocheck::cli
