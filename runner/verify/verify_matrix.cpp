#include "runner/verify/verify_matrix.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "checker/check/check_history.h"
#include "checker/claims/cell_from_check.h"
#include "checker/formats/protobuf_history_reader.h"
#include "checker/formats/recorded_events.h"
#include "checker/model/postgres_claims.h"
#include "checker/report/explain_writer.h"
#include "checker/report/verdict_report.h"
#include "runner/client/isolation_level.h"
#include "runner/cluster/cleanup_on_signal.h"
#include "runner/nemesis/fault_kind.h"
#include "runner/run/connection_budget.h"
#include "runner/run/run_workload.h"
#include "runner/verify/dsn_redaction.h"
#include "runner/verify/target_server.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;

// The predicate workload tests the phantom read row of the claims.
constexpr Workload kDefaultWorkloads[] = {Workload::kListAppend, Workload::kRwRegister,
                                          Workload::kBank, Workload::kPredicate};
// The strongest model: checking it searches for every anomaly kind.
constexpr const char* kCheckedModel = "strict-serializable";

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw VerifyError(fmt::format("{}: cannot write", path.string()));
}

// "kill+pause" -> its kinds; throws VerifyError naming the bad name.
std::vector<FaultKind> fault_set_kinds(const std::string& faults) {
  std::string list = faults;
  std::replace(list.begin(), list.end(), '+', ',');
  try {
    return parse_fault_kinds(list);
  } catch (const std::invalid_argument& e) {
    throw VerifyError(fmt::format("--faults: {}", e.what()));
  }
}

// Runs, checks and reports one cell; returns what the claims need.
std::string cell_label(const VerifyCell& cell) {
  if (cell.shape->name.empty()) return workload_name(cell.workload);
  return fmt::format("{}-{}", workload_name(cell.workload), cell.shape->name);
}

CellOutcome run_cell(const VerifyOptions& o, const TargetServer& server, const fs::path& out_dir,
                     const std::string& faults, const VerifyCell& cell, uint64_t seed,
                     VerifyResult& result) {
  const std::string& level = cell.level;
  const Workload workload = cell.workload;
  std::string base = fmt::format("{}-{}", level, cell_label(cell));
  if (faults != kNoFaults) base += "-" + faults;
  RunOptions run;
  run.dsn = server.conninfo();
  run.caller_cluster = server.cluster();
  run.unnamed_statements = server.unnamed_statements();
  if (faults != kNoFaults) {
    run.nemesis.kinds = fault_set_kinds(faults);
    run.nemesis.interval = o.nemesis_interval;
  }
  // Partition, clock and failover need a server set up for them (its own
  // network namespace, libfaketime, standbys): such a cell starts its own
  // throwaway server. Failover cells replicate synchronously, the durable
  // configuration whose claims verify tests.
  if (server.cluster() &&
      std::any_of(run.nemesis.kinds.begin(), run.nemesis.kinds.end(), [](FaultKind k) {
        return k == FaultKind::kPartition || k == FaultKind::kClock || k == FaultKind::kFailover;
      })) {
    run.dsn.reset();
    run.caller_cluster = nullptr;
    run.cluster = server.cluster_options();
    for (FaultKind k : run.nemesis.kinds) {
      if (k != FaultKind::kFailover) continue;
      run.replicas = 1;
      run.replication = ReplicationMode::kSync;
    }
  }
  run.workload = workload;
  run.isolation = *parse_isolation_level(level);
  run.duration = cell.duration;
  run.clients = cell.shape->clients > 0 ? cell.shape->clients : o.clients;
  run.generator.seed = seed;
  run.generator.active_keys = cell.shape->active_keys;
  run.generator.max_writes_per_key = cell.shape->max_writes_per_key;
  run.generator.max_ops_per_txn = cell.shape->max_ops_per_txn;
  run.generator.distribution = cell.shape->distribution;
  run.out = (out_dir / (base + ".pb")).string();
  run.quiet = o.quiet;
  RunSummary summary;
  try {
    summary = run_workload(run);
  } catch (const RunError& e) {
    throw VerifyError(fmt::format("{}: {}", base, e.what()));
  }

  std::vector<std::string> warnings;
  History history;
  try {
    history = read_protobuf_history(summary.history_path, warnings);
  } catch (const std::exception& e) {
    throw VerifyError(e.what());
  }
  if (result.server_version.empty()) result.server_version = history.header.database_version;
  for (const auto& [name, value] : history.header.settings) result.settings.emplace(name, value);

  CheckOptions check;
  check.models = {kCheckedModel};
  check.workload = workload;
  CheckResult checked = check_history(history, check);
  write_text(out_dir / (base + ".json"), verdict_json(history, checked).dump(2) + "\n");
  try {
    RecordedEvents events =
        read_recorded_events(summary.history_path, witness_event_indices(history, checked));
    write_explanations(history, checked, (out_dir / (base + ".explain")).string(), &events);
  } catch (const std::runtime_error& e) {
    throw VerifyError(e.what());
  }
  CellIdentity id{level, cell_label(cell), summary.seconds, base + ".pb", base + ".explain"};
  CellOutcome outcome = cell_outcome_from_check(id, history, checked);
  outcome.faults = faults;
  return outcome;
}

void print_cell_result(const CellOutcome& c) {
  std::string kinds;
  for (const ObservedAnomaly& a : c.anomalies)
    kinds += fmt::format("{}{} ×{}", kinds.empty() ? "" : ", ", anomaly_name(a.kind), a.count);
  std::printf("  checked %zu transactions: %s\n", c.transactions,
              kinds.empty() ? "no anomaly" : kinds.c_str());
  std::fflush(stdout);
}

}  // namespace

std::vector<VerifyCell> verify_cells(const VerifyOptions& o) {
  std::vector<const PostgresLevel*> levels;
  for (const std::string& name : o.levels) {
    const PostgresLevel* level = find_postgres_level(name);
    if (!level)
      throw VerifyError(
          fmt::format("--levels: unknown isolation level \"{}\" "
                      "(read-uncommitted, read-committed, "
                      "repeatable-read, serializable)",
                      name));
    levels.push_back(level);
  }
  std::vector<VerifyCell> cells;
  for (const PostgresLevel& level : all_postgres_levels()) {
    bool wanted = o.levels.empty();
    for (const PostgresLevel* l : levels) wanted |= l == &level;
    if (!wanted) continue;
    std::vector<Workload> workloads = o.workloads;
    if (workloads.empty())
      workloads.assign(std::begin(kDefaultWorkloads), std::end(kDefaultWorkloads));
    for (Workload w : workloads) {
      if (w == Workload::kUnknown)
        throw VerifyError("--workloads: each must be list-append, rw-register, bank or predicate");
      bool duplicate = false;
      for (const VerifyCell& c : cells) duplicate |= c.level == level.name && c.workload == w;
      if (!duplicate) cells.push_back({std::string(level.name), w, &kStandardShape, o.duration});
    }
  }
  bool hot = o.hot_duration.count() > 0;
  bool serializable = false, list_append = false;
  for (const VerifyCell& c : cells) {
    serializable |= c.level == "serializable";
    list_append |= c.workload == Workload::kListAppend;
  }
  if (hot && serializable && list_append)
    cells.push_back({"serializable", Workload::kListAppend, &kHotFreshKeysShape, o.hot_duration});
  return cells;
}

// Whether some target is a server isocheck does not start itself, or one
// behind a pooler: server faults cannot act on it as the cell would need.
std::optional<std::string> target_without_server_faults(const VerifyOptions& o) {
  if (o.dsn) return "--dsn";
  for (const TargetSpec& t : o.targets)
    if (t.kind == TargetKind::kDsn || t.kind == TargetKind::kPgBouncer) return "target " + t.name;
  return std::nullopt;
}

std::vector<std::string> verify_fault_sets(const VerifyOptions& o) {
  if (o.fault_sets.empty()) return {std::string(kNoFaults)};
  std::optional<std::string> no_server_faults = target_without_server_faults(o);
  std::vector<std::string> sets;
  for (const std::string& faults : o.fault_sets) {
    if (std::find(sets.begin(), sets.end(), faults) != sets.end()) continue;
    if (faults != kNoFaults) {
      for (FaultKind kind : fault_set_kinds(faults)) {
        const FaultKindInfo& info = fault_kind_info(kind);
        if (no_server_faults && needs_embedded_server(info))
          throw VerifyError(
              fmt::format("--faults {}: {} needs the throwaway server (only terminate works "
                          "with {})",
                          faults, info.name, *no_server_faults));
      }
    }
    sets.push_back(faults);
  }
  return sets;
}

namespace {

// The matrix of one target; a cell's failure is left to the caller.
void run_target_cells(const VerifyOptions& o, const TargetServer& server, const fs::path& out_dir,
                      const std::vector<VerifyCell>& cells,
                      const std::vector<std::string>& fault_sets, VerifyRun& run, VerifyResult& r) {
  const size_t total = cells.size() * fault_sets.size();
  for (size_t i = 0; i < total; ++i) {
    if (stop_requested()) {
      run.interrupted = true;
      return;
    }
    const std::string& faults = fault_sets[i / cells.size()];
    const VerifyCell& cell = cells[i % cells.size()];
    if (!o.quiet) {
      std::printf("[%s%zu/%zu] %s / %s%s, %.0fs\n", r.name.empty() ? "" : (r.name + " ").c_str(),
                  i + 1, total, cell.level.c_str(), cell_label(cell).c_str(),
                  faults == kNoFaults ? "" : fmt::format(" / faults {}", faults).c_str(),
                  cell.duration.count() / 1000.0);
      std::fflush(stdout);
    }
    r.cells.push_back(run_cell(o, server, out_dir, faults, cell, o.seed + i, r));
    if (!o.quiet) print_cell_result(r.cells.back());
  }
}

// The unnamed target of a run without --target.
TargetSpec default_target(const VerifyOptions& o) {
  TargetSpec t;
  if (o.dsn) {
    t.kind = TargetKind::kDsn;
    t.dsn = *o.dsn;
    t.display = redact_dsn(*o.dsn);
  } else {
    t.kind = TargetKind::kEmbedded;
    t.display = "embedded";
  }
  return t;
}

}  // namespace

VerifyRun run_verify_matrix(const VerifyOptions& o) {
  if (o.duration.count() <= 0) throw VerifyError("--duration must be positive");
  if (o.hot_duration.count() < 0) throw VerifyError("--hot-duration must not be negative");
  if (o.clients < 1) throw VerifyError("--clients must be at least 1");
  if (o.nemesis_interval.count() <= 0) throw VerifyError("--nemesis-interval must be positive");
  const auto cells = verify_cells(o);
  const auto fault_sets = verify_fault_sets(o);
  std::vector<TargetSpec> targets = o.targets;
  if (targets.empty()) targets.push_back(default_target(o));
  for (size_t i = 0; i < targets.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (targets[i].name == targets[j].name)
        throw VerifyError(fmt::format("--target {}: named twice", targets[i].name));
  int most_clients = o.clients;
  for (const VerifyCell& cell : cells) most_clients = std::max(most_clients, cell.shape->clients);

  VerifyRun run;
  for (const TargetSpec& target : targets) {
    if (stop_requested()) {
      run.interrupted = true;
      break;
    }
    fs::path out_dir =
        target.name.empty() ? fs::path(o.out_dir) : fs::path(o.out_dir) / target.name;
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec) throw VerifyError(fmt::format("{}: cannot create: {}", out_dir.string(), ec.message()));
    VerifyResult& r = run.report.targets.emplace_back();
    r.tool_version = ISOCHECK_VERSION;
    r.seed = o.seed;
    r.started_unix_seconds = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    r.out_dir = out_dir.string();
    r.name = target.name;
    r.target = target.display;
    if (target.kind != TargetKind::kDsn) {
      for (const auto& [name, value] : o.cluster.settings) r.settings[name] = value;
      for (const auto& [name, value] : target.settings) r.settings[name] = value;
    }
    if (!o.quiet && !target.name.empty()) {
      std::printf("target %s: %s\n", target.name.c_str(), target.display.c_str());
      std::fflush(stdout);
    }
    try {
      std::unique_ptr<TargetServer> server;
      try {
        server = std::make_unique<TargetServer>(target, o.cluster, most_clients);
      } catch (const std::runtime_error& e) {
        throw VerifyError(e.what());
      }
      run_target_cells(o, *server, out_dir, cells, fault_sets, run, r);
    } catch (const VerifyError& e) {
      if (target.name.empty()) throw;
      r.error = e.what();
      if (!o.quiet) {
        std::printf("target %s: %s\n", target.name.c_str(), e.what());
        std::fflush(stdout);
      }
    }
    r.claims = judge_claims(r.cells);
    if (run.interrupted) break;
  }
  run.interrupted |= stop_requested();
  return run;
}

}  // namespace isocheck::runner
