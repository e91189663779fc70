#include "runner/run/run_workload.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "checker/formats/protobuf_history_schema.h"
#include "checker/history/statement_names.h"
#include "checker/model/consistency_model.h"
#include "checker/model/postgres_claims.h"
#include "runner/client/client_loop.h"
#include "runner/client/final_reader.h"
#include "runner/cluster/cleanup_on_signal.h"
#include "runner/cluster/network_namespace.h"
#include "runner/cluster/server_info.h"
#include "runner/cluster/server_version.h"
#include "runner/progress/progress_display.h"
#include "runner/record/history_recorder.h"
#include "runner/record/shard_merge.h"
#include "runner/run/connection_budget.h"
#include "runner/run/epoch_driver.h"
#include "runner/run/online_checker.h"
#include "runner/run/output_lock.h"
#include "runner/run/run_server.h"
#include "runner/run/worker_processes.h"
#include "runner/workload/predicate_sql.h"
#include "runner/workload/workload_sql.h"
#include "runner/workload/workload_table.h"

namespace isocheck::runner {

namespace {

using Clock = std::chrono::steady_clock;

void validate(const RunOptions& o) {
  auto require = [](bool ok, const char* what) {
    if (!ok) throw RunError(what);
  };
  require(o.workload != Workload::kUnknown,
          "--workload must be list-append, rw-register, bank or predicate");
  require(o.clients >= 1, "--clients must be at least 1");
  require(o.processes >= 1 && o.processes <= o.clients,
          "--processes must be between 1 and the number of clients");
  require(o.threads == 0 || (o.threads >= o.processes && o.threads <= o.clients),
          "--threads must be between the number of processes and the number of clients");
  require(o.duration.count() > 0, "--duration must be positive");
  require(o.statement_timeout.count() >= 0, "--statement-timeout must not be negative");
  require(o.stop_grace.count() >= 0, "--stop-grace must not be negative");
  require(o.retry >= 0, "--retry must not be negative");
  require(!o.out.empty(), "--out must name a file");
  require(o.workload != Workload::kBank || o.bank_total >= 0, "bank total must not be negative");
  require(o.nemesis.kinds.empty() || o.nemesis.interval.count() > 0,
          "--nemesis-interval must be positive");
  require(o.epoch.count() >= 0, "--epoch must not be negative");
  require(o.epoch.count() == 0 || o.workload == Workload::kListAppend,
          "--epoch: only the list-append workload runs in epochs so far (use --epoch 0)");
  require(o.epoch.count() == 0 || o.processes == 1,
          "--epoch cannot be combined with --processes N yet: the epoch barrier does not span "
          "worker processes (use --processes 1, or --epoch 0)");
  for (const std::string& m : o.check_models)
    if (!find_model(m)) throw RunError("--model: unknown consistency model '" + m + "'");
  require(!o.stop_on_violation || o.epoch.count() > 0,
          "--stop-on-violation needs epochs (--epoch): only a run checked as it goes can stop "
          "at a violation");
  bool own_server = !o.caller_cluster && !o.dsn && std::getenv("PGHOST") == nullptr;
  bool embedded = o.caller_cluster || own_server;
  require(o.replicas >= 0, "--replicas must not be negative");
  require(o.replicas == 0 || own_server, "--replicas needs the throwaway server (not --dsn)");
  for (FaultKind kind : o.nemesis.kinds) {
    const FaultKindInfo& info = fault_kind_info(kind);
    std::string name(info.name);
    if (needs_embedded_server(info) && !embedded)
      throw RunError("--nemesis " + name +
                     " needs the throwaway server (only terminate works with --dsn or PGHOST)");
    if (kind == FaultKind::kPartition && !can_create_network_namespaces())
      throw RunError("--nemesis partition needs root (it creates a network namespace)");
    if (info.scope == FaultScope::kReplicaSet && o.replicas == 0)
      throw RunError("--nemesis " + name + " needs --replicas N (a primary and standbys)");
    if (info.scope == FaultScope::kSingleServer && o.replicas > 0)
      throw RunError("--nemesis " + name +
                     " acts on a single server; with --replicas only failover and terminate");
  }
  try {
    GeneratorOptions g = o.generator;
    g.workload = o.workload;
    TxnGenerator check(g);
  } catch (const std::invalid_argument& e) {
    throw RunError(e.what());
  }
}

proto::Header make_header(const RunOptions& o, const std::string& conninfo) {
  proto::Header h;
  h.set_magic("isocheck-history");
  h.set_format_version(kHistoryFormatVersion);
  h.set_workload(workload_name(o.workload));
  h.set_isolation(isolation_level_name(o.isolation));
  h.set_seed(o.generator.seed);
  h.set_tool_version(ISOCHECK_VERSION);
  h.set_start_unix_ns(std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count());
  if (o.workload == Workload::kBank) {
    h.set_bank_accounts(o.generator.bank_accounts);
    h.set_bank_total(o.bank_total);
  }
  try {
    fetch_server_info(conninfo, h);
  } catch (const PgError& e) {
    throw RunError(e.what());
  } catch (const UnsupportedServer& e) {
    throw RunError(e.what());
  }
  return h;
}

// Names the table and writes the SQL of every statement the clients run into
// the header, so a witness can be shown (and replayed) as the SQL that ran.
void describe_statements(const RunOptions& o, const std::string& table, proto::Header& h) {
  h.set_table(table);
  auto& statements = *h.mutable_statements();
  for (const StatementSql& s : workload_sql(o.workload).statements) {
    if (!s.name.empty()) statements[std::string(s.name)] = with_table(s.sql, table);
  }
  if (o.workload == Workload::kPredicate)
    for (const PredicateStatementSql& s : kPredicateStatements)
      statements[std::string(s.name)] = with_table(s.sql, table);
  statements[std::string(kCreateTableStatement)] =
      with_table(workload_sql(o.workload).create_table, table);
  statements[std::string(kBeginStatement)] = begin_statement(o.isolation, o.isolation_request);
  statements[std::string(kCommitStatement)] = "COMMIT";
}

// Waits until the duration has passed, a signal asked to stop, the
// nemesis failed or a run in epochs must end early (a violation to stop at,
// a failed boundary); returns true when interrupted by a signal.
bool wait_for_stop(std::chrono::milliseconds duration, const std::atomic<bool>& nemesis_failed,
                   const std::function<bool()>& end_early) {
  const Clock::time_point deadline = Clock::now() + duration;
  while (Clock::now() < deadline) {
    if (stop_requested()) return true;
    if (nemesis_failed.load() || end_early()) return false;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(20)));
  }
  return stop_requested();
}

// --threads, or by default one thread per core, as pgbench -j would be
// given: more threads than cores only adds switches between them.
int thread_count(const RunOptions& o) {
  if (o.threads > 0) return o.threads;
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  return std::clamp(cores, o.processes, o.clients);
}

ClientLoopOptions worker_client_options(const RunOptions& o, const std::string& conninfo,
                                        const std::string& table, int worker) {
  ClientLoopOptions c;
  c.conninfo = conninfo;
  // The table name is unique to the run; so is this.
  c.application_name = "isocheck-" + table;
  c.workload = o.workload;
  c.table = table;
  c.isolation = o.isolation;
  c.clients = o.clients / o.processes + (worker < o.clients % o.processes ? 1 : 0);
  c.first_slot = 0;
  for (int w = 0; w < worker; ++w)
    c.first_slot += o.clients / o.processes + (w < o.clients % o.processes);
  c.total_slots = o.clients;
  const int threads = thread_count(o);
  c.threads = threads / o.processes + (worker < threads % o.processes ? 1 : 0);
  c.retry = o.retry;
  c.statement_timeout = o.statement_timeout;
  c.stop_grace = o.stop_grace;
  c.unnamed_statements = o.unnamed_statements;
  c.isolation_request = o.isolation_request;
  return c;
}

GeneratorOptions worker_generator_options(const RunOptions& o, int worker) {
  GeneratorOptions g = o.generator;
  g.workload = o.workload;
  g.value_stride = o.processes;
  g.value_offset = worker;
  return g;
}

// What the online checker of a run in epochs checks: what PostgreSQL claims
// for the run's isolation level (postgres_claims.h), as `isocheck check
// --isolation` does.
CheckOptions online_check_options(const RunOptions& o) {
  CheckOptions c;
  c.workload = o.workload;
  if (!o.check_models.empty()) {
    c.models = o.check_models;
    return c;
  }
  const PostgresLevel* level = find_postgres_level(isolation_level_name(o.isolation));
  if (!level) throw RunError("no PostgreSQL claims for this isolation level");
  for (std::string_view m : level->models) c.models.emplace_back(m);
  return c;
}

// The body of one worker: its clients, its recorder, its report.
void run_worker(const RunOptions& o, const std::string& conninfo, const std::string& table,
                const proto::Header& header, const std::string& path, int worker,
                SharedRunState& shared, ProgressDisplay* progress) {
  HistoryRecorder recorder(path, header);
  TxnGenerator generator(worker_generator_options(o, worker));
  ClientLoopOptions c = worker_client_options(o, conninfo, table, worker);
  c.progress = progress;
  ClientCounts counts = run_clients(c, generator, recorder, shared.stop());
  recorder.close();
  shared.report(worker) = {counts.ok, counts.fail, counts.info, counts.max_generation,
                           generator.key_count()};
}

// The header of shard `index` of `count`: a shard is never a whole history.
proto::Header shard_header(const proto::Header& header, int index, int count) {
  proto::Header h = header;
  h.mutable_shard()->set_index(static_cast<uint32_t>(index));
  h.mutable_shard()->set_count(static_cast<uint32_t>(count));
  return h;
}

}  // namespace

RunSummary run_workload(const RunOptions& options) {
  validate(options);
  std::optional<OutputLock> output_lock;
  try {
    output_lock.emplace(options.out);
  } catch (const std::runtime_error& e) {
    throw RunError(e.what());
  }
  RunServer server(options);
  const std::string& conninfo = server.conninfo();
  RunSummary summary;
  summary.history_path = options.out;
  // Interrupted while the server started: nothing ran, nothing to record.
  if (stop_requested()) {
    summary.interrupted = true;
    return summary;
  }

  proto::Header header = make_header(options, conninfo);
  try {
    check_connection_budget(conninfo, options.clients);
  } catch (const PgError& e) {
    throw RunError(e.what());
  } catch (const std::runtime_error& e) {
    throw RunError(e.what());
  }
  uint64_t run_id =
      static_cast<uint64_t>(header.start_unix_ns()) ^ static_cast<uint64_t>(::getpid());
  WorkloadTable table(options.workload, run_table_prefix(run_id & 0xffffffffffULL));
  describe_statements(options, table.name(), header);
  try {
    PgConnection admin(conninfo);
    table.create(admin, options.generator.bank_accounts, options.bank_total);
  } catch (const PgError& e) {
    throw RunError(std::string("cannot create the workload table: ") + e.what());
  }

  const std::string& recording = options.out;
  std::optional<SharedRunState> shared_state;
  try {
    shared_state.emplace(options.processes);
  } catch (const std::runtime_error& e) {
    throw RunError(e.what());
  }
  SharedRunState& shared = *shared_state;
  ClientLoopOptions final_reader = worker_client_options(options, conninfo, table.name(), 0);
  NemesisOptions nemesis_options = options.nemesis;
  nemesis_options.seed = options.generator.seed;
  NemesisTarget target = server.nemesis_target(final_reader.application_name);
  std::atomic<bool> nemesis_failed{false};
  std::function<bool()> end_early = [] { return false; };
  // Runs while the clients work: faults on schedule, healed before return.
  auto run_with_faults = [&](HistoryRecorder& recorder) {
    Nemesis nemesis(nemesis_options, target, recorder, nemesis_failed);
    nemesis.start();
    bool interrupted = wait_for_stop(options.duration, nemesis_failed, end_early);
    nemesis.stop();
    summary.faults = nemesis.faults_started();
    if (nemesis_failed) throw RunError(nemesis.error());
    return interrupted;
  };
  const Clock::time_point started = Clock::now();
  try {
    ProgressPlan plan;
    plan.duration = options.duration;
    if (options.processes == 1) {
      HistoryRecorder recorder(recording, header);
      TxnGenerator generator(worker_generator_options(options, 0));
      ClientLoopOptions c = worker_client_options(options, conninfo, table.name(), 0);
      ProgressDisplay progress(plan, options.quiet);
      c.progress = &progress;
      std::optional<OnlineChecker> online;
      std::optional<EpochDriver> epochs;
      if (options.epoch.count() > 0) {
        online.emplace(recording, online_check_options(options), options.stop_on_violation,
                       &progress);
        epochs.emplace(options.epoch, options.clients, generator, recorder, final_reader, *online);
        c.epochs = &epochs->barrier();
        end_early = [&online, &epochs] { return online->violation() || epochs->failed(); };
      }
      ClientCounts counts;
      std::exception_ptr error;
      std::thread clients([&] {
        try {
          counts = run_clients(c, generator, recorder, shared.stop());
        } catch (...) {
          error = std::current_exception();
        }
      });
      std::exception_ptr fault_error;
      try {
        summary.interrupted = run_with_faults(recorder);
      } catch (...) {
        fault_error = std::current_exception();
      }
      shared.stop().store(true);
      clients.join();
      summary.seconds = std::chrono::duration<double>(Clock::now() - started).count();
      progress.finish();
      if (fault_error) std::rethrow_exception(fault_error);
      if (error) std::rethrow_exception(error);
      shared.report(0) = {counts.ok, counts.fail, counts.info, counts.max_generation,
                          generator.key_count()};
      if (epochs) epochs->close_last();
      server.await_replicas();
      const int64_t final_process = (counts.max_generation + 1) * options.clients;
      if (epochs)
        epochs->record_final_reads(final_process);
      else
        FinalReader(final_reader, recorder).read_all(generator.key_count(), final_process);
      recorder.close();
      if (online) {
        summary.verdict = online->finish();
        summary.epochs = epochs->epochs_closed();
        summary.max_check_backlog = online->max_backlog();
        summary.stopped_on_violation = online->violation();
        summary.violation_epoch = online->violation_epoch();
      }
    } else {
      // The parent's shard holds the faults and the final read.
      const int shards = options.processes + 1;
      HistoryRecorder recorder(shard_path(recording, options.processes),
                               shard_header(header, options.processes, shards));
      run_forked_workers(
          shared,
          [&](int w) {
            run_worker(options, conninfo, table.name(), shard_header(header, w, shards),
                       shard_path(recording, w), w, shared, nullptr);
          },
          summary.interrupted, [&] { return run_with_faults(recorder); });
      summary.seconds = std::chrono::duration<double>(Clock::now() - started).count();
      int64_t key_count = 0, max_generation = 0;
      for (int w = 0; w < options.processes; ++w) {
        key_count = std::max(key_count, shared.report(w).key_count);
        max_generation = std::max(max_generation, shared.report(w).max_generation);
      }
      server.await_replicas();
      FinalReader(final_reader, recorder)
          .read_all(key_count, (max_generation + 1) * options.clients);
      recorder.close();
      std::vector<std::string> paths;
      for (int w = 0; w < shards; ++w) paths.push_back(shard_path(recording, w));
      ShardMerger(paths).merge_into(recording);
      for (const std::string& p : paths) std::filesystem::remove(p);
    }
  } catch (const PgError& e) {
    throw RunError(std::string("run failed: ") + e.what());
  } catch (const std::runtime_error& e) {
    if (dynamic_cast<const RunError*>(&e)) throw;
    throw RunError(e.what());
  }

  for (int w = 0; w < options.processes; ++w) {
    summary.ok += shared.report(w).ok;
    summary.fail += shared.report(w).fail;
    summary.info += shared.report(w).info;
  }
  summary.ok_per_second =
      summary.seconds > 0 ? static_cast<double>(summary.ok) / summary.seconds : 0;
  try {
    PgConnection admin(conninfo);
    // A client that gave up waiting (a partition, a lock wait whose deadlock
    // check a clock step postponed) may have left its backend waiting on a
    // lock; it would block the drop.
    admin.exec_params(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE application_name = $1 AND pid <> pg_backend_pid()",
        {final_reader.application_name});
    table.drop(admin);
  } catch (const PgError&) {
    // The server may be gone (a fault); the table is only leftover data.
  }
  return summary;
}

}  // namespace isocheck::runner
