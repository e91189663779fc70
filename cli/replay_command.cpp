// isocheck replay: confirm or refute a witness by driving its transactions'
// statements against a server again (see runner/replay/witness_replay.h).
#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "checker/anomaly/anomaly_kind.h"
#include "checker/formats/recorded_events.h"
#include "checker/report/witness_statements.h"
#include "cli/check_options.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "runner/client/isolation_level.h"
#include "runner/cluster/embedded_cluster.h"
#include "runner/replay/witness_replay.h"

namespace isocheck::cli {
namespace {

struct ReplayFlags {
  std::string witness;  // "<kind>-<n>"; empty = the first one found
  std::string dsn;
  std::string pg_bin;
  std::string isolation;
  uint64_t max_orders = 5000;
  int step_wait_ms = 100;
};

const Anomaly* pick_witness(const CheckResult& r, const std::string& name, std::string& picked) {
  for (const auto& [kind, list] : r.witnesses) {
    for (size_t i = 0; i < list.size(); ++i) {
      std::string n = fmt::format("{}-{}", anomaly_name(kind), i + 1);
      if (name.empty() || name == n) {
        picked = n;
        return &list[i];
      }
    }
  }
  return nullptr;
}

void print_outcome(const runner::ReplayOutcome& o, const runner::ReplayPlan& plan) {
  for (const runner::ReplayedStatement& s : o.statements) {
    std::string note = s.recorded.empty() ? ""
                       : s.differs        ? fmt::format("   <- recorded: {}", s.recorded)
                                          : "   (as recorded)";
    std::printf("  T%-6u %s%s\n      -> %s%s\n", plan.txns[s.txn].front().txn, s.sql.c_str(),
                s.waited ? "   [waited while others went on]" : "", s.answer.c_str(), note.c_str());
  }
  std::printf("  => %s\n", o.reproduced ? "REPRODUCED: every recorded answer came again"
                                        : ("not reproduced: " + o.why_not).c_str());
}

int replay(const CheckCommandOptions& o, const ReplayFlags& f) {
  auto checked = load_and_check(o);
  if (!checked) return kExitBadInput;
  std::string picked;
  const Anomaly* a = pick_witness(checked->result, f.witness, picked);
  if (!a) {
    std::fprintf(stderr, "isocheck replay: %s: %s\n", o.file.c_str(),
                 f.witness.empty() ? "the history has no witness to replay"
                                   : ("no witness named " + f.witness).c_str());
    return kExitBadInput;
  }
  std::string begin;
  if (!f.isolation.empty()) {
    auto level = runner::parse_isolation_level(f.isolation);
    if (!level) {
      std::fprintf(stderr, "isocheck replay: --at: unknown isolation level '%s'\n",
                   f.isolation.c_str());
      return kExitBadInput;
    }
    begin = runner::begin_statement(*level);
  }
  const History& h = checked->history;
  RecordedEvents events = read_recorded_events(o.file, witness_completion_indices(h, *a));
  runner::ReplayPlan plan = runner::plan_replay(h, *a, witness_statements(h, *a, events), begin);
  std::unique_ptr<runner::EmbeddedCluster> cluster;
  std::string conninfo = f.dsn;
  if (conninfo.empty()) {
    runner::ClusterOptions co;
    if (!f.pg_bin.empty()) co.bin_dir = f.pg_bin;
    cluster = std::make_unique<runner::EmbeddedCluster>(co);
    conninfo = cluster->conninfo();
  }
  runner::ReplayOptions ro;
  ro.step_wait = std::chrono::milliseconds(f.step_wait_ms);
  std::printf(
      "replaying %s of %s: %zu transactions, %zu statements, %s order\n", picked.c_str(),
      o.file.c_str(), plan.txns.size(), plan.recorded_order.size(),
      plan.recorded_order_is_timed ? "in the recorded" : "in invocation (times not recorded)");
  runner::ReplaySearch s = runner::search_interleavings(conninfo, plan, f.max_orders, ro);
  print_outcome(s.recorded, plan);
  std::printf("interleavings tried: %llu of %.0f; reproduced in %llu\n",
              static_cast<unsigned long long>(s.tried), s.interleavings,
              static_cast<unsigned long long>(s.reproduced));
  if (s.first_reproducing && !s.recorded.reproduced) {
    std::printf("first reproducing order:\n");
    print_outcome(runner::replay_once(conninfo, plan, *s.first_reproducing, ro), plan);
  }
  if (s.reproduced > 0) return kExitInvalid;
  if (s.interrupted) {
    std::fprintf(stderr, "isocheck replay: interrupted after %llu interleavings\n",
                 static_cast<unsigned long long>(s.tried));
    return kExitBadInput;
  }
  return kExitValid;
}

}  // namespace

void add_replay_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<CheckCommandOptions>();
  auto f = std::make_shared<ReplayFlags>();
  CLI::App* cmd = app.add_subcommand(
      "replay",
      "Drive a witness's statements against a server again, in the recorded order and then in "
      "every other interleaving: exit 1 when the server allows the anomaly again, 0 when not");
  add_check_options(*cmd, *o);
  cmd->add_option("--witness", f->witness, "which witness, e.g. G2-item-1 (default: the first)");
  cmd->add_option("--dsn", f->dsn, "libpq connection string; default: a throwaway server");
  cmd->add_option("--pg-bin", f->pg_bin, "server binaries for the throwaway server");
  cmd->add_option("--at", f->isolation,
                  "replay at this isolation level instead of the recorded one");
  cmd->add_option("--max-orders", f->max_orders, "interleavings to try at most")
      ->capture_default_str();
  cmd->add_option("--step-wait", f->step_wait_ms,
                  "ms to wait for a statement before going on with the others")
      ->capture_default_str();
  cmd->callback([o, f, &exit_code] {
    try {
      exit_code = replay(*o, *f);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "isocheck replay: %s\n", e.what());
      exit_code = kExitBadInput;
    }
  });
}

}  // namespace isocheck::cli
