// run_workload: one whole `isocheck run` — target server, table, clients,
// history — as a library call.
//
// Steps: pick the server (the `dsn`, else libpq's environment when PGHOST is
// set, else a throwaway EmbeddedCluster — see embedded_cluster.cpp for its
// settings), write the history header (server
// version and non-default settings included), create the workload's table
// under a prefix unique to the run, run the clients until `duration` passes
// or stop_requested() (SIGINT / SIGTERM / SIGHUP, see cleanup_on_signal.h)
// turns true — transactions in flight then get `stop_grace` to finish, and
// those still unanswered are recorded as `info` — record the final read of
// every key, drop the table and stop the embedded server (unless
// keep_server). A signal that arrives while the embedded server starts ends
// the run before any table or history exists (`interrupted`, nothing ran).
//
// `out` is claimed for the run (output_lock.h), so two runs given the same
// --out never both write it: the second fails at once.
// Before the clients start the server must have room for all of them
// (connection_budget.h): the throwaway server is sized to fit, any other
// server that is too small fails the run with one line.
//
// The clients of a process run as fibers on its share of `threads` OS
// threads, several connections per thread (client_loop.h).
// With processes > 1 the clients are spread over forked worker processes
// (worker_processes.h: they die with the parent), each recording a shard
// whose header says so (Header.shard: index and count); the parent records
// the final read in its own shard and merges them all into `out`
// (CLOCK_MONOTONIC is shared by the processes of one host). Workers share
// keys through identical generator seeds and never share values (value
// stride = processes).
//
// With `nemesis.kinds` set, a Nemesis (runner/nemesis/nemesis.h) injects
// faults while the clients run, in the process that owns the server, and
// records them in the history (with processes > 1, in the parent's shard);
// it heals the last fault before the clients stop, so the final read sees
// the healed server. Only `terminate` works without the embedded server.
// With replicas, the final read is taken from the final primary once every
// standby has replayed all its WAL.
// Every client connects with application_name "isocheck-<run id>".
//
// With `epoch` > 0 the run works in epochs (epoch_driver.h, epoch_barrier.h:
// disjoint keys, a barrier at each boundary) and an OnlineChecker checks
// each closed epoch on a thread of its own while the next runs, against
// what PostgreSQL claims for the isolation level; the union of the epochs'
// verdicts is RunSummary::verdict. Epochs need the list-append workload
// and one process (the closing and final reads the epoch checks rely on are
// list reads; worker processes would need one barrier across processes).
// `stop_on_violation` ends the run at the first epoch found invalid.
//
// Anything that prevents a run (bad DSN, unreachable server, missing server
// binaries, unwritable output, bad option) throws RunError with one line.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "checker/check/check_history.h"
#include "runner/client/isolation_level.h"
#include "runner/cluster/embedded_cluster.h"
#include "runner/cluster/replica_set.h"
#include "runner/generate/txn_generator.h"
#include "runner/nemesis/nemesis.h"

namespace isocheck::runner {

class RunError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct RunOptions {
  std::optional<std::string> dsn;  // libpq conninfo or URI
  // The throwaway server `dsn` points at, when the caller started it (verify
  // runs many cells against one): faults that need the embedded server act
  // on it. The run neither starts nor stops it.
  EmbeddedCluster* caller_cluster = nullptr;
  ClusterOptions cluster;  // used when the run starts its own server
  // > 0: the run's own server is a primary with this many streaming
  // standbys (runner/cluster/replica_set.h); clients use a multi-host DSN.
  int replicas = 0;
  ReplicationMode replication = ReplicationMode::kAsync;
  bool keep_server = false;
  Workload workload = Workload::kListAppend;
  IsolationLevel isolation = IsolationLevel::kSerializable;
  std::chrono::milliseconds duration{30'000};
  int clients = 10;
  int processes = 1;
  // OS threads the clients run on, over all processes (each process gets
  // its share, at least one; client_loop.h); 0: as many as the machine has
  // cores, within [processes, clients].
  int threads = 0;
  // Generator knobs; workload, value stride/offset are set by the run.
  GeneratorOptions generator;
  int64_t bank_total = 1000;  // accounts: generator.bank_accounts
  int retry = 0;
  std::chrono::milliseconds statement_timeout{10'000};
  // How long transactions in flight at the stop may take to finish.
  std::chrono::milliseconds stop_grace{5'000};
  std::string out = "history.pb";
  bool quiet = false;  // no live progress line
  // Clients send statements unnamed instead of preparing them (the server
  // is behind a transaction-pooling PgBouncer; client_loop.h).
  bool unnamed_statements = false;
  // How clients ask for `isolation` (runner/client/isolation_level.h).
  IsolationRequest isolation_request = IsolationRequest::kPerTransaction;
  // Faults to inject; its seed is taken from generator.seed.
  NemesisOptions nemesis;
  // > 0: run in epochs of this length, each checked while the next runs.
  std::chrono::milliseconds epoch{0};
  // With epochs: stop at the first epoch whose verdict is invalid.
  bool stop_on_violation = false;
  // The models the online checker checks (with epochs); empty: what
  // PostgreSQL claims for `isolation`.
  std::vector<std::string> check_models;
};

struct RunSummary {
  uint64_t ok = 0, fail = 0, info = 0;
  double seconds = 0;        // from the first invocation to the stop
  double ok_per_second = 0;  // committed transactions per second
  std::string history_path;
  bool interrupted = false;  // stopped by a signal before the duration
  // ok + fail + info == 0: no transaction ran, the run tested nothing.
  uint64_t faults = 0;  // faults the nemesis started
  // Runs in epochs: the union of every epoch's verdict and of the check of
  // the final reads after the run.
  std::optional<CheckResult> verdict;
  uint64_t epochs = 0;
  // The most closed epochs that waited unchecked at once (1: the checker
  // kept up, each epoch checked before the next one closed).
  uint64_t max_check_backlog = 0;
  bool stopped_on_violation = false;
  uint64_t violation_epoch = 0;
};

RunSummary run_workload(const RunOptions& options);

}  // namespace isocheck::runner
