// run_verify_matrix: the nightly job behind `isocheck verify` — every
// requested isolation level × workload is run, recorded, checked, and the
// anomalies found are judged against PostgreSQL's claims.
//
// Fault sets add a dimension: every level × workload runs once per fault
// set ("none": no nemesis; else fault kinds joined by '+', injected every
// `nemesis_interval` as in `isocheck run --nemesis`). Server faults act on
// the shared embedded server, which each fault heals before the next cell.
// Targets add the outermost dimension: the whole matrix runs once per
// target (target_spec.h), each against its own server (target_server.h),
// in order, into `out_dir`/<target name>/. A target whose server does not
// start, or whose cell fails, keeps what it finished and its error; the
// next target still runs. Without targets the matrix runs once, as one
// unnamed target: the `dsn`, else one EmbeddedCluster started here (with
// `cluster`'s binaries and settings), writing into `out_dir` itself; there
// a server that does not start is thrown as VerifyError, as before.
// All cells of a target share its server.
// Each standard cell runs `duration` with `clients` clients (run_workload,
// one table per cell); when serializable and list-append are both asked
// for and `hot_duration` is not zero, one more cell runs list-append at
// serializable in the hot fresh-key shape for `hot_duration` (cell_shape.h).
// Every cell runs once per fault set. Each writes into `out_dir` (with
// "-<shape>" after the workload for a shaped cell, "-<faults>" after that
// when not "none"):
//   <level>-<workload>.pb        the history
//   <level>-<workload>.json      its check result (verdict_report.h)
//   <level>-<workload>.explain/  witness files, each also as SQL (explain_writer.h)
// Every cell is checked against strict-serializable, the strongest model,
// so that every anomaly kind is searched for whatever the level; the claims
// are then judged from which anomalies were found (claims_table.h), not
// from that model's verdict.
//
// Anything that prevents the job (bad option, unreachable server, missing
// server binaries, unwritable output) throws VerifyError with one line. A
// SIGINT / SIGTERM (cleanup_on_signal.h) stops after the running cell; the
// cells finished so far are judged and `interrupted` is set.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "checker/claims/verify_report.h"
#include "checker/history/history.h"
#include "runner/cluster/embedded_cluster.h"
#include "runner/verify/cell_shape.h"
#include "runner/verify/target_spec.h"

namespace isocheck::runner {

class VerifyError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct VerifyOptions {
  std::optional<std::string> dsn;
  ClusterOptions cluster;  // used when no dsn is given; the base of every embedded target
  // Empty: one unnamed target, `dsn` or the embedded server.
  std::vector<TargetSpec> targets;
  // PostgresLevel names, weakest first is not required; empty = all four.
  std::vector<std::string> levels;
  // Empty = list-append, rw-register, bank.
  std::vector<Workload> workloads;
  std::chrono::milliseconds duration{8'000};
  // The hot fresh-key serializable cell; zero leaves it out.
  std::chrono::milliseconds hot_duration{6 * 60'000};
  // Each "none" or kinds joined by '+' ("kill", "pause+terminate"); empty =
  // {"none"}.
  std::vector<std::string> fault_sets;
  std::chrono::milliseconds nemesis_interval{5000};
  int clients = 10;
  uint64_t seed = 0;  // cell i runs with seed + i
  std::string out_dir = "verify-out";
  bool quiet = false;  // no progress lines
};

struct VerifyRun {
  VerifyReport report;
  bool interrupted = false;
};

struct VerifyCell {
  std::string level;
  Workload workload;
  const CellShape* shape;
  std::chrono::milliseconds duration;
};

// Every cell the options ask for, in run order. Throws VerifyError naming an
// unknown level or a workload that is not runnable.
std::vector<VerifyCell> verify_cells(const VerifyOptions& options);

// The fault sets the options ask for, each checked ({"none"} by default);
// throws VerifyError naming an unknown fault, or a server fault with a dsn
// (or a DSN or pgbouncer target: a cell with its own server would bypass
// the pooler).
std::vector<std::string> verify_fault_sets(const VerifyOptions& options);

VerifyRun run_verify_matrix(const VerifyOptions& options);

}  // namespace isocheck::runner
