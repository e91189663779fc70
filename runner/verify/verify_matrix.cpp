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

CellOutcome run_cell(const VerifyOptions& o, const std::string& conninfo, EmbeddedCluster* cluster,
                     const std::string& faults, const VerifyCell& cell, uint64_t seed,
                     VerifyResult& result) {
  const std::string& level = cell.level;
  const Workload workload = cell.workload;
  std::string base = fmt::format("{}-{}", level, cell_label(cell));
  if (faults != kNoFaults) base += "-" + faults;
  const fs::path out_dir(o.out_dir);
  RunOptions run;
  run.dsn = conninfo;
  run.caller_cluster = cluster;
  if (faults != kNoFaults) {
    run.nemesis.kinds = fault_set_kinds(faults);
    run.nemesis.interval = o.nemesis_interval;
  }
  // Partition, clock and failover need a server set up for them (its own
  // network namespace, libfaketime, standbys): such a cell starts its own
  // throwaway server. Failover cells replicate synchronously, the durable
  // configuration whose claims verify tests.
  if (!o.dsn && std::any_of(run.nemesis.kinds.begin(), run.nemesis.kinds.end(), [](FaultKind k) {
        return k == FaultKind::kPartition || k == FaultKind::kClock || k == FaultKind::kFailover;
      })) {
    run.dsn.reset();
    run.caller_cluster = nullptr;
    run.cluster = o.cluster;
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

std::vector<std::string> verify_fault_sets(const VerifyOptions& o) {
  if (o.fault_sets.empty()) return {std::string(kNoFaults)};
  std::vector<std::string> sets;
  for (const std::string& faults : o.fault_sets) {
    if (std::find(sets.begin(), sets.end(), faults) != sets.end()) continue;
    if (faults != kNoFaults) {
      for (FaultKind kind : fault_set_kinds(faults)) {
        const FaultKindInfo& info = fault_kind_info(kind);
        if (o.dsn && needs_embedded_server(info))
          throw VerifyError(fmt::format(
              "--faults {}: {} needs the throwaway server (only terminate works with --dsn)",
              faults, info.name));
      }
    }
    sets.push_back(faults);
  }
  return sets;
}

VerifyRun run_verify_matrix(const VerifyOptions& o) {
  if (o.duration.count() <= 0) throw VerifyError("--duration must be positive");
  if (o.hot_duration.count() < 0) throw VerifyError("--hot-duration must not be negative");
  if (o.clients < 1) throw VerifyError("--clients must be at least 1");
  if (o.nemesis_interval.count() <= 0) throw VerifyError("--nemesis-interval must be positive");
  const auto cells = verify_cells(o);
  const auto fault_sets = verify_fault_sets(o);
  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  if (ec) throw VerifyError(fmt::format("{}: cannot create: {}", o.out_dir, ec.message()));

  VerifyRun run;
  VerifyResult& r = run.result;
  r.tool_version = ISOCHECK_VERSION;
  r.seed = o.seed;
  r.started_unix_seconds = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  r.out_dir = o.out_dir;
  for (const auto& [name, value] : o.cluster.settings)
    if (!o.dsn) r.settings[name] = value;

  std::unique_ptr<EmbeddedCluster> cluster;
  std::string conninfo;
  if (o.dsn) {
    conninfo = *o.dsn;
    r.target = redact_dsn(*o.dsn);
  } else {
    ClusterOptions cluster_options = o.cluster;
    int most_clients = o.clients;
    for (const VerifyCell& cell : cells) most_clients = std::max(most_clients, cell.shape->clients);
    make_room_for_clients(cluster_options, most_clients);
    try {
      cluster = std::make_unique<EmbeddedCluster>(cluster_options);
    } catch (const ClusterError& e) {
      throw VerifyError(e.what());
    }
    conninfo = cluster->conninfo();
    r.target = "embedded";
  }

  const size_t total = cells.size() * fault_sets.size();
  for (size_t i = 0; i < total; ++i) {
    if (stop_requested()) {
      run.interrupted = true;
      break;
    }
    const std::string& faults = fault_sets[i / cells.size()];
    const VerifyCell& cell = cells[i % cells.size()];
    if (!o.quiet) {
      std::printf("[%zu/%zu] %s / %s%s, %.0fs\n", i + 1, total, cell.level.c_str(),
                  cell_label(cell).c_str(),
                  faults == kNoFaults ? "" : fmt::format(" / faults {}", faults).c_str(),
                  cell.duration.count() / 1000.0);
      std::fflush(stdout);
    }
    r.cells.push_back(run_cell(o, conninfo, cluster.get(), faults, cell, o.seed + i, r));
    if (!o.quiet) print_cell_result(r.cells.back());
  }
  run.interrupted |= stop_requested();
  r.claims = judge_claims(r.cells);
  return run;
}

}  // namespace isocheck::runner
