#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "checker/report/verdict_report.h"
#include "cli/check_options.h"
#include "cli/commands.h"
#include "cli/duration.h"
#include "cli/exit_codes.h"
#include "runner/pg/pg_connection.h"
#include "runner/run/run_workload.h"
#include "runner/run/stale_tables.h"

namespace isocheck::cli {

namespace {

struct RunFlags {
  std::string workload = "list-append";
  std::string isolation = "serializable";
  std::string set_isolation = "per-transaction";
  std::string duration = "30s";
  std::string distribution = "uniform";
  std::vector<std::string> pg_settings;
  std::string pg_bin;
  std::string dsn;
  std::string nemesis;
  std::string nemesis_interval = "5s";
  std::string stop_grace = "5s";
  bool cleanup = false;
  std::string replication = "async";
  std::string epoch = "auto";
};

// `--epoch auto`: epochs of this length when the run is long enough for two
// of them, the workload runs in epochs and there is one process; else none.
constexpr std::chrono::milliseconds kDefaultEpoch{10'000};

std::chrono::milliseconds epoch_length(const std::string& flag, const runner::RunOptions& o) {
  if (flag == "auto")
    return o.workload == Workload::kListAppend && o.processes == 1 &&
                   o.duration >= 2 * kDefaultEpoch
               ? kDefaultEpoch
               : std::chrono::milliseconds(0);
  if (flag == "0") return std::chrono::milliseconds(0);
  auto length = parse_duration(flag);
  if (!length) throw runner::RunError("--epoch: " + duration_problem(flag) + " (or 0, or auto)");
  return *length;
}

runner::RunOptions to_run_options(const RunFlags& f, runner::RunOptions o) {
  o.workload = parse_workload(f.workload);
  if (o.workload == Workload::kUnknown) {
    throw runner::RunError(
        "--workload: expected list-append, rw-register, bank or predicate, got '" + f.workload +
        "'");
  }
  auto level = runner::parse_isolation_level(f.isolation);
  if (!level) {
    throw runner::RunError(
        "--isolation: expected read-uncommitted, read-committed, repeatable-read or "
        "serializable, got '" +
        f.isolation + "'");
  }
  o.isolation = *level;
  auto request = runner::parse_isolation_request(f.set_isolation);
  if (!request)
    throw runner::RunError("--set-isolation: expected per-transaction or session, got '" +
                           f.set_isolation + "'");
  o.isolation_request = *request;
  auto duration = parse_duration(f.duration);
  if (!duration) throw runner::RunError("--duration: " + duration_problem(f.duration));
  o.duration = *duration;
  auto grace = parse_duration(f.stop_grace);
  if (f.stop_grace == "0") grace = std::chrono::milliseconds(0);
  if (!grace) throw runner::RunError("--stop-grace: " + duration_problem(f.stop_grace) + " (or 0)");
  o.stop_grace = *grace;
  auto distribution = runner::parse_key_distribution(f.distribution);
  if (!distribution) {
    throw runner::RunError("--distribution: expected uniform or hotspot, got '" + f.distribution +
                           "'");
  }
  o.generator.distribution = *distribution;
  for (const std::string& s : f.pg_settings) {
    size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw runner::RunError("--pg-setting: expected name=value, got '" + s + "'");
    }
    o.cluster.settings.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  if (!f.pg_bin.empty()) o.cluster.bin_dir = f.pg_bin;
  if (!f.dsn.empty()) o.dsn = f.dsn;
  if (!f.nemesis.empty()) {
    try {
      o.nemesis.kinds = runner::parse_fault_kinds(f.nemesis);
    } catch (const std::invalid_argument& e) {
      throw runner::RunError(std::string("--nemesis: ") + e.what());
    }
  }
  auto interval = parse_duration(f.nemesis_interval);
  if (!interval)
    throw runner::RunError("--nemesis-interval: " + duration_problem(f.nemesis_interval));
  o.nemesis.interval = *interval;
  auto replication = runner::parse_replication_mode(f.replication);
  if (!replication)
    throw runner::RunError("--replication: expected async or sync, got '" + f.replication + "'");
  o.replication = *replication;
  o.epoch = epoch_length(f.epoch, o);
  return o;
}

void print_summary(const runner::RunSummary& s) {
  std::printf("%s: %llu ok, %llu fail, %llu info in %.1f s (%.0f committed txn/s)%s%s\n",
              s.history_path.c_str(), static_cast<unsigned long long>(s.ok),
              static_cast<unsigned long long>(s.fail), static_cast<unsigned long long>(s.info),
              s.seconds, s.ok_per_second,
              s.faults > 0 ? fmt::format(", {} faults", s.faults).c_str() : "",
              s.interrupted ? ", interrupted" : "");
}

// `isocheck run --cleanup`: drops the tables killed runs left behind in the
// --dsn (or PGHOST) database, then exits.
int clean_up_stale_tables(const std::string& dsn) {
  if (dsn.empty() && std::getenv("PGHOST") == nullptr) {
    std::fprintf(stderr,
                 "isocheck run: --cleanup needs --dsn (or PGHOST): a throwaway server holds no "
                 "tables after its run\n");
    return kExitBadInput;
  }
  try {
    runner::PgConnection conn(dsn);
    runner::StaleTables t = runner::drop_stale_tables(conn);
    for (const std::string& name : t.dropped) std::printf("dropped %s\n", name.c_str());
    for (const std::string& name : t.in_use)
      std::printf("kept %s: a running isocheck uses it\n", name.c_str());
    std::printf("%zu stale isocheck table(s) dropped, %zu in use kept\n", t.dropped.size(),
                t.in_use.size());
    return kExitValid;
  } catch (const runner::PgError& e) {
    std::fprintf(stderr, "isocheck run: --cleanup: %s\n", e.what());
    return kExitBadInput;
  }
}

// The verdict of a run in epochs: the union of what the online checker found
// in each epoch and in the final reads after the run.
int report_online_verdict(const runner::RunSummary& summary) {
  const CheckResult& r = *summary.verdict;
  std::printf("\n");
  if (summary.stopped_on_violation)
    std::printf("stopped at the first forbidden anomaly, found in epoch %llu\n",
                static_cast<unsigned long long>(summary.violation_epoch));
  std::printf(
      "checked online, epoch by epoch: %llu epochs (at most %llu closed epochs waited "
      "unchecked at once)\n",
      static_cast<unsigned long long>(summary.epochs),
      static_cast<unsigned long long>(summary.max_check_backlog));
  std::fflush(stdout);
  for (const std::string& w : r.warnings) std::cerr << "warning: " << w << "\n";
  print_verdict(std::cout, History{}, r, TerminalStyle{.color = isatty(1) != 0});
  return cli::exit_code_for(r.valid);
}

// The verdict step of `isocheck run`: the history just recorded, checked
// against what PostgreSQL claims for the level it ran at.
int check_recorded_history(const runner::RunSummary& summary, const std::string& isolation,
                           const std::vector<std::string>& models) {
  cli::CheckCommandOptions o;
  o.file = summary.history_path;
  o.choice.isolation = isolation;
  o.choice.models = models;
  auto checked = cli::load_and_check(o);
  if (!checked) return cli::kExitBadInput;
  std::printf("\n");
  std::fflush(stdout);
  print_verdict(std::cout, checked->history, checked->result,
                TerminalStyle{.color = isatty(1) != 0});
  return cli::exit_code_for(checked->result.valid);
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<RunFlags>();
  auto options = std::make_shared<runner::RunOptions>();
  CLI::App* run =
      app.add_subcommand("run", "Run a workload against PostgreSQL and record its history");
  run->add_option("--workload", flags->workload, "list-append | rw-register | bank | predicate")
      ->capture_default_str();
  run->add_option("--isolation", flags->isolation,
                  "read-uncommitted | read-committed | repeatable-read | serializable")
      ->capture_default_str();
  run->add_option("--set-isolation", flags->set_isolation,
                  "per-transaction (BEGIN ISOLATION LEVEL ...) | session (SET SESSION "
                  "CHARACTERISTICS once per connection, then plain BEGIN)")
      ->capture_default_str();
  run->add_option("--duration", flags->duration, "how long to run, e.g. 30s, 2m")
      ->capture_default_str();
  run->add_option("--clients", options->clients, "concurrent logical clients")
      ->capture_default_str();
  run->add_option("--processes", options->processes, "worker OS processes to spread clients over")
      ->capture_default_str();
  run->add_option("--threads", options->threads,
                  "OS threads to spread clients over, several connections each (default: one "
                  "per core, at most --clients)")
      ->check(CLI::PositiveNumber);
  run->add_option("--out", options->out, "history file to write")->capture_default_str();
  run->add_option("--dsn", flags->dsn, "libpq connection string; default: a throwaway server");
  run->add_option("--pg-bin", flags->pg_bin, "directory of initdb / pg_ctl / postgres");
  run->add_option("--pg-setting", flags->pg_settings,
                  "name=value for the throwaway server (repeatable)");
  run->add_flag("--keep-server", options->keep_server, "leave the throwaway server running");
  run->add_option("--seed", options->generator.seed, "generator seed")->capture_default_str();
  run->add_option("--retry", options->retry, "re-run a serialization failure up to N times")
      ->capture_default_str();
  run->add_option("--keys", options->generator.active_keys, "active keys at any moment")
      ->capture_default_str();
  run->add_option("--max-writes-per-key", options->generator.max_writes_per_key,
                  "writes a key gets before it is retired")
      ->capture_default_str();
  run->add_option("--max-ops", options->generator.max_ops_per_txn,
                  "micro-ops per transaction, at most")
      ->capture_default_str();
  run->add_option("--read-ratio", options->generator.read_ratio,
                  "share of reads (bank: of read-alls)")
      ->capture_default_str();
  run->add_option("--distribution", flags->distribution, "uniform | hotspot")
      ->capture_default_str();
  run->add_option("--bank-accounts", options->generator.bank_accounts, "bank: accounts")
      ->capture_default_str();
  run->add_option("--bank-total", options->bank_total, "bank: total balance")
      ->capture_default_str();
  run->add_option_function<double>(
         "--statement-timeout",
         [options](double seconds) {
           options->statement_timeout =
               std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
         },
         "per-statement timeout in seconds (0 = none); default 10")
      ->check(CLI::Range(0.0, 86'400.0));
  run->add_option("--stop-grace", flags->stop_grace,
                  "at the end, how long transactions in flight may take to finish before "
                  "they are abandoned and recorded as info (0 = abandon at once)")
      ->capture_default_str();
  run->add_flag("--quiet", options->quiet, "no live progress line");
  run->add_flag("--cleanup", flags->cleanup,
                "drop the tables killed runs left in the --dsn database, then exit");
  run->add_option("--nemesis", flags->nemesis,
                  "faults to inject while running, comma-separated: " + runner::fault_kind_names() +
                      " (only terminate with --dsn)");
  run->add_option("--nemesis-interval", flags->nemesis_interval,
                  "mean time between faults (each wait is random within +-50%)")
      ->capture_default_str();
  run->add_option("--replicas", options->replicas,
                  "streaming standbys of the throwaway server (for --nemesis failover)")
      ->capture_default_str();
  run->add_option("--replication", flags->replication,
                  "async | sync (synchronous_commit=remote_apply on every standby)")
      ->capture_default_str();
  run->add_option("--epoch", flags->epoch,
                  "run in epochs of this length, each checked while the next runs (0: none; "
                  "auto: 10s for list-append runs of 20s or more with one process)")
      ->capture_default_str();
  run->add_option("--model", options->check_models,
                  "models to check the history against (default: what PostgreSQL claims for "
                  "--isolation)");
  run->add_flag("--stop-on-violation", options->stop_on_violation,
                "with epochs: stop at the first forbidden anomaly and print its witness");
  run->callback([flags, options, &exit_code] {
    if (flags->cleanup) {
      exit_code = clean_up_stale_tables(flags->dsn);
      return;
    }
    try {
      runner::RunSummary summary = runner::run_workload(to_run_options(*flags, *options));
      if (summary.ok + summary.fail + summary.info == 0) {
        std::fprintf(stderr, "isocheck run: unknown: no transaction ran (%s), nothing was tested\n",
                     summary.interrupted ? "interrupted before the workload started"
                                         : "the duration ended before the first one");
        exit_code = kExitUnknown;
        return;
      }
      print_summary(summary);
      std::fflush(stdout);
      if (summary.ok == 0) {
        std::fprintf(stderr,
                     "isocheck run: unknown: no transaction committed, so no read can be "
                     "judged; nothing was tested\n");
        exit_code = kExitUnknown;
        return;
      }
      exit_code = summary.verdict
                      ? report_online_verdict(summary)
                      : check_recorded_history(summary, flags->isolation, options->check_models);
    } catch (const runner::RunError& e) {
      std::fprintf(stderr, "isocheck run: %s\n", e.what());
      exit_code = kExitBadInput;
    }
  });
}

}  // namespace isocheck::cli
