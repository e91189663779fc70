#include "cli/run_command.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdio>

#include "runner/cluster/cleanup_on_signal.h"
#include "runner/run/run_workload.h"

namespace isocheck {

namespace {

struct DurationUnit {
  std::string_view suffix;
  int64_t milliseconds;
};
// Longest suffix first so that "ms" is not read as "m".
constexpr std::array kDurationUnits{
    DurationUnit{"ms", 1},        DurationUnit{"s", 1000}, DurationUnit{"m", 60'000},
    DurationUnit{"h", 3'600'000}, DurationUnit{"", 1000},
};

struct IsolationModels {
  std::string_view isolation;
  std::vector<std::string> models;
};

// What each level must never show; PostgreSQL runs read uncommitted as read
// committed, and serializable on one node is also strict.
const std::array<IsolationModels, 4>& isolation_models() {
  static const std::array<IsolationModels, 4> table{{
      {"read-uncommitted", {"read-committed"}},
      {"read-committed", {"read-committed"}},
      {"repeatable-read", {"snapshot-isolation"}},
      {"serializable", {"strict-serializable"}},
  }};
  return table;
}

struct RunFlags {
  std::string workload = "list-append";
  std::string isolation = "serializable";
  std::string duration = "30s";
  std::string distribution = "uniform";
  std::vector<std::string> pg_settings;
  std::string pg_bin;
  std::string dsn;
};

runner::RunOptions to_run_options(const RunFlags& f, runner::RunOptions o) {
  o.workload = parse_workload(f.workload);
  if (o.workload == Workload::kUnknown) {
    throw runner::RunError("--workload: expected list-append, rw-register or bank, got '" +
                           f.workload + "'");
  }
  auto level = runner::parse_isolation_level(f.isolation);
  if (!level) {
    throw runner::RunError(
        "--isolation: expected read-uncommitted, read-committed, repeatable-read or "
        "serializable, got '" +
        f.isolation + "'");
  }
  o.isolation = *level;
  auto duration = parse_duration(f.duration);
  if (!duration)
    throw runner::RunError("--duration: expected e.g. 30s, 2m or 500ms, got '" + f.duration + "'");
  o.duration = *duration;
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
  return o;
}

void print_summary(const runner::RunSummary& s) {
  std::printf("%s: %llu ok, %llu fail, %llu info in %.1f s (%.0f committed txn/s)%s\n",
              s.history_path.c_str(), static_cast<unsigned long long>(s.ok),
              static_cast<unsigned long long>(s.fail), static_cast<unsigned long long>(s.info),
              s.seconds, s.ok_per_second, s.interrupted ? ", interrupted" : "");
}

// The verdict step of `isocheck run`, kept apart so that the checking and
// its printing can change without touching the run. It names the models the
// level promises; `isocheck check` turns them into a verdict.
int check_recorded_history(const runner::RunSummary& summary, std::string_view isolation) {
  for (const std::string& model : models_for_isolation(isolation)) {
    std::printf("check with: isocheck check %s --model %s\n", summary.history_path.c_str(),
                model.c_str());
  }
  return 0;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  for (const DurationUnit& unit : kDurationUnits) {
    if (!text.ends_with(unit.suffix)) continue;
    std::string_view number = text.substr(0, text.size() - unit.suffix.size());
    double value = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (number.empty() || ec != std::errc() || end != number.data() + number.size() || value <= 0) {
      return std::nullopt;
    }
    return std::chrono::milliseconds(
        static_cast<int64_t>(value * static_cast<double>(unit.milliseconds)));
  }
  return std::nullopt;
}

const std::vector<std::string>& models_for_isolation(std::string_view isolation) {
  for (const IsolationModels& entry : isolation_models()) {
    if (entry.isolation == isolation) return entry.models;
  }
  return isolation_models().back().models;
}

void add_run_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<RunFlags>();
  auto options = std::make_shared<runner::RunOptions>();
  CLI::App* run =
      app.add_subcommand("run", "Run a workload against PostgreSQL and record its history");
  run->add_option("--workload", flags->workload, "list-append | rw-register | bank")
      ->capture_default_str();
  run->add_option("--isolation", flags->isolation,
                  "read-uncommitted | read-committed | repeatable-read | serializable")
      ->capture_default_str();
  run->add_option("--duration", flags->duration, "how long to run, e.g. 30s, 2m")
      ->capture_default_str();
  run->add_option("--clients", options->clients, "concurrent logical clients")
      ->capture_default_str();
  run->add_option("--processes", options->processes, "worker OS processes to spread clients over")
      ->capture_default_str();
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
      "per-statement timeout in seconds (0 = none); default 10");
  run->add_flag("--quiet", options->quiet, "no live progress line");
  run->callback([flags, options, &exit_code] {
    runner::install_signal_cleanup();
    try {
      runner::RunSummary summary = runner::run_workload(to_run_options(*flags, *options));
      print_summary(summary);
      exit_code = check_recorded_history(summary, flags->isolation);
    } catch (const runner::RunError& e) {
      std::fprintf(stderr, "isocheck run: %s\n", e.what());
      exit_code = 2;
    }
  });
}

}  // namespace isocheck
