// run_workload: one whole `isocheck run` — target server, table, clients,
// history — as a library call.
//
// Steps: pick the server (the `dsn`, else libpq's environment when PGHOST is
// set, else a throwaway EmbeddedCluster — see embedded_cluster.cpp for its
// settings), write the history header (server
// version and non-default settings included), create the workload's table
// under a prefix unique to the run, run the clients until `duration` passes
// or stop_requested() (SIGINT / SIGTERM, see cleanup_on_signal.h) turns
// true — in-flight transactions are then recorded as `info` — record the
// final read of every key, drop the table and stop the embedded server
// (unless keep_server).
//
// With processes > 1 the clients are spread over forked worker processes,
// each recording a shard (<out>.shard<N>); the parent records the final read
// in its own shard and merges them all into `out` (CLOCK_MONOTONIC is shared
// by the processes of one host). Workers share keys through identical
// generator seeds and never share values (value stride = processes).
//
// Anything that prevents a run (bad DSN, unreachable server, missing server
// binaries, unwritable output, bad option) throws RunError with one line.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "runner/client/isolation_level.h"
#include "runner/cluster/embedded_cluster.h"
#include "runner/generate/txn_generator.h"

namespace isocheck::runner {

class RunError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct RunOptions {
  std::optional<std::string> dsn;  // libpq conninfo or URI
  ClusterOptions cluster;          // used when the run starts its own server
  bool keep_server = false;
  Workload workload = Workload::kListAppend;
  IsolationLevel isolation = IsolationLevel::kSerializable;
  std::chrono::milliseconds duration{30'000};
  int clients = 10;
  int processes = 1;
  // Generator knobs; workload, value stride/offset are set by the run.
  GeneratorOptions generator;
  int64_t bank_total = 1000;  // accounts: generator.bank_accounts
  int retry = 0;
  std::chrono::milliseconds statement_timeout{10'000};
  std::string out = "history.pb";
  bool quiet = false;  // no live progress line
};

struct RunSummary {
  uint64_t ok = 0, fail = 0, info = 0;
  double seconds = 0;        // from the first invocation to the stop
  double ok_per_second = 0;  // committed transactions per second
  std::string history_path;
  bool interrupted = false;  // stopped by a signal before the duration
};

RunSummary run_workload(const RunOptions& options);

}  // namespace isocheck::runner
