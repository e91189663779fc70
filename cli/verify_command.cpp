#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "checker/claims/html_targets_report.h"
#include "checker/claims/junit_report.h"
#include "checker/claims/verify_json.h"
#include "checker/claims/verify_report_text.h"
#include "cli/commands.h"
#include "cli/duration.h"
#include "cli/exit_codes.h"
#include "runner/verify/verify_matrix.h"

namespace isocheck::cli {
namespace {

namespace fs = std::filesystem;

// --quick: a smoke run of the whole matrix in about a minute and a half. Too
// short to catch the rare serializable G2-item (see --hot-duration).
constexpr std::chrono::milliseconds kQuickDuration{2'000};
constexpr std::chrono::milliseconds kQuickHotDuration{20'000};

struct VerifyCommandOptions {
  std::vector<std::string> targets;  // NAME=SPEC
  std::string targets_file;
  std::string dsn;
  std::string pg_bin;
  std::vector<std::string> pg_settings;  // name=value
  std::vector<std::string> levels;
  std::vector<std::string> workloads;
  std::string duration = "8s";
  std::string hot_duration = "6m";
  bool quick = false;
  std::vector<std::string> faults;
  std::string nemesis_interval = "5s";
  int clients = 10;
  std::string out = "verify-out";
  std::string json, junit, html;  // default: inside `out`
  bool quiet = false;
  std::optional<uint64_t> seed;
};

// Turns the command line into matrix options; throws runner::VerifyError
// with one line for a bad value.
runner::VerifyOptions matrix_options(const VerifyCommandOptions& c) {
  runner::VerifyOptions o;
  if (!c.dsn.empty()) o.dsn = c.dsn;
  if (!c.pg_bin.empty()) o.cluster.bin_dir = fs::path(c.pg_bin);
  for (const std::string& s : c.pg_settings) {
    size_t eq = s.find('=');
    if (eq == 0 || eq == std::string::npos)
      throw runner::VerifyError(fmt::format("--pg-setting \"{}\": expected name=value", s));
    o.cluster.settings.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  if (o.dsn && (!c.pg_bin.empty() || !c.pg_settings.empty()))
    throw runner::VerifyError(
        "--pg-bin and --pg-setting configure the embedded server; "
        "they cannot be combined with --dsn");
  if (!c.targets_file.empty()) o.targets = runner::read_targets_file(c.targets_file);
  for (const std::string& t : c.targets) o.targets.push_back(runner::parse_target(t, "--target"));
  if (o.dsn && !o.targets.empty())
    throw runner::VerifyError("--dsn and --target/--targets: give the DSN as a target instead");
  o.levels = c.levels;
  for (const std::string& w : c.workloads) {
    Workload workload = parse_workload(w);
    if (workload == Workload::kUnknown)
      throw runner::VerifyError(
          fmt::format("--workloads: unknown workload \"{}\" (list-append, "
                      "rw-register, bank, predicate)",
                      w));
    o.workloads.push_back(workload);
  }
  std::optional<std::chrono::milliseconds> duration = parse_duration(c.duration);
  if (!duration) throw runner::VerifyError("--duration: " + duration_problem(c.duration));
  o.duration = *duration;
  std::optional<std::chrono::milliseconds> hot =
      c.hot_duration == "0" ? std::chrono::milliseconds(0) : parse_duration(c.hot_duration);
  if (!hot)
    throw runner::VerifyError("--hot-duration: " + duration_problem(c.hot_duration) +
                              " (or 0 to leave the hot cell out)");
  o.hot_duration = *hot;
  if (c.quick) {
    o.duration = kQuickDuration;
    o.hot_duration = kQuickHotDuration;
  }
  o.fault_sets = c.faults;
  std::optional<std::chrono::milliseconds> interval = parse_duration(c.nemesis_interval);
  if (!interval)
    throw runner::VerifyError("--nemesis-interval: " + duration_problem(c.nemesis_interval));
  o.nemesis_interval = *interval;
  o.clients = c.clients;
  o.out_dir = c.out;
  o.quiet = c.quiet;
  o.seed = c.seed
               ? *c.seed
               : static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  // Fail on unknown levels and faults before a server is started.
  runner::verify_cells(o);
  runner::verify_fault_sets(o);
  return o;
}

void write_file(const std::string& path, const std::string& text) {
  fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  std::ofstream out(p);
  out << text;
  if (!out) throw runner::VerifyError(fmt::format("{}: cannot write", path));
}

std::string or_inside(const std::string& chosen, const std::string& out, const char* name) {
  return chosen.empty() ? (fs::path(out) / name).string() : chosen;
}

int run_verify(const VerifyCommandOptions& c) {
  runner::VerifyRun run;
  try {
    run = runner::run_verify_matrix(matrix_options(c));
  } catch (const std::exception& e) {
    std::cerr << "isocheck verify: " << e.what() << "\n";
    return kExitBadInput;
  }
  const VerifyReport& r = run.report;
  std::cout << "\n";
  print_verify_report(std::cout, r, isatty(1) != 0);
  std::string json = or_inside(c.json, c.out, "verify.json");
  std::string junit = or_inside(c.junit, c.out, "junit.xml");
  std::string html = or_inside(c.html, c.out, "report");
  try {
    write_file(json, verify_report_json(r).dump(2) + "\n");
    write_file(junit, junit_xml(r));
    HtmlReportOutput out = write_html_report(r, html);
    for (const std::string& w : out.warnings) std::cerr << "isocheck verify: " << w << "\n";
  } catch (const std::exception& e) {
    std::cerr << "isocheck verify: " << e.what() << "\n";
    return kExitBadInput;
  }
  if (!c.quiet)
    std::cout << fmt::format("\nreports: {}, {}, {}/index.html (histories in {})\n", json, junit,
                             html, c.out);
  size_t cells = 0;
  for (const VerifyResult& t : r.targets) cells += t.cells.size();
  if (run.interrupted) {
    std::cerr << fmt::format("isocheck verify: interrupted after {} cell(s); reports cover those\n",
                             cells);
    return kExitBadInput;
  }
  // A target that could not run makes the whole job incomplete: exit 2,
  // even when another target violated a claim (the reports say so).
  for (const VerifyResult& t : r.targets)
    if (!t.error.empty())
      std::cerr << "isocheck verify: target " << t.name << ": " << t.error << "\n";
  if (r.failed()) return kExitBadInput;
  if (r.violated()) return kExitInvalid;
  if (r.unknown()) return kExitUnknown;
  return kExitValid;
}

}  // namespace

void add_verify_command(CLI::App& app, int& exit_code) {
  auto c = std::make_shared<VerifyCommandOptions>();
  CLI::App* cmd = app.add_subcommand("verify",
                                     "Run every isolation level x workload and "
                                     "test PostgreSQL's isolation claims");
  cmd->add_option("--target", c->targets,
                  "NAME=SPEC, repeatable: run the matrix against each target. SPEC: a server "
                  "binaries dir, a libpq DSN, embedded:[name=value,...] or "
                  "pgbouncer:session|transaction[,name=value,...]");
  cmd->add_option("--targets", c->targets_file,
                  "File of targets, one NAME=SPEC per line (# comments)");
  cmd->add_option("--dsn", c->dsn,
                  "Server to test (libpq conninfo or URI); default: a throwaway "
                  "server started from the installed binaries");
  cmd->add_option("--pg-bin", c->pg_bin,
                  "Directory of the server binaries for the throwaway server");
  cmd->add_option("--pg-setting", c->pg_settings,
                  "name=value for the throwaway server's postgresql.conf (repeatable)");
  cmd->add_option("--levels", c->levels, "Isolation levels, comma-separated (default: all four)")
      ->delimiter(',');
  cmd->add_option("--workloads", c->workloads,
                  "Workloads, comma-separated (default: list-append,rw-register,bank,predicate)")
      ->delimiter(',');
  cmd->add_option("--duration", c->duration, "Run time of each cell, e.g. 10s, 2m (default 8s)");
  cmd->add_option("--hot-duration", c->hot_duration,
                  "Run time of the hot fresh-key serializable list-append cell, which finds "
                  "the G2-item PostgreSQL 15.18 allows; 0 leaves it out (default 6m)");
  cmd->add_flag("--quick", c->quick,
                "Smoke run: every cell 2s and the hot cell 20s (overrides both durations)");
  cmd->add_option(
         "--faults", c->faults,
         "Fault sets, comma-separated; each none or kinds joined by + "
         "(kill, pause, terminate, restart), e.g. none,kill,pause+terminate (default none)")
      ->delimiter(',');
  cmd->add_option("--nemesis-interval", c->nemesis_interval,
                  "Mean time between faults within a faulted cell (default 5s)");
  cmd->add_option("--clients", c->clients, "Concurrent clients per cell (default 10)");
  cmd->add_option("--out", c->out,
                  "Directory for histories, check results and explain files "
                  "(default verify-out)");
  cmd->add_option("--json", c->json, "Where to write the JSON result (default <out>/verify.json)");
  cmd->add_option("--junit", c->junit, "Where to write JUnit XML (default <out>/junit.xml)");
  cmd->add_option("--html", c->html, "Directory for the HTML report (default <out>/report)");
  cmd->add_flag("--quiet", c->quiet, "No progress lines; the claims table is still printed");
  cmd->add_option("--seed", c->seed,
                  "Generator seed (default: from the clock; cell i uses seed+i)");
  cmd->callback([c, &exit_code] { exit_code = run_verify(*c); });
}

}  // namespace isocheck::cli
