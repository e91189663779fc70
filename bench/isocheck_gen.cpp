// isocheck_gen: writes a simulated, valid history — optionally with one
// planted anomaly — for benchmarks and for trying the checker.
//
//   isocheck_gen --txns 1000000 --workload list-append --concurrency 10
//                --keys 10 --max-writes-per-key 16 --inject G-single-item
//                --seed 7 --format protobuf --out history.pb
//
// Exit status: 0 written, 2 bad usage or an unwritable file (one line on
// stderr naming the option or the path).
#include <charconv>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "bench/lib/history_generator.h"
#include "checker/formats/write_history.h"

namespace isocheck::bench {
namespace {

struct Invocation {
  GeneratorOptions generator;
  HistoryFormat format = HistoryFormat::kProtobuf;
  std::string out;
};

[[noreturn]] void usage_error(const std::string& message) { throw std::invalid_argument(message); }

template <typename T>
T parse_number(std::string_view flag, std::string_view text) {
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    usage_error(std::string(flag) + ": not a number: " + std::string(text));
  return value;
}

struct Flag {
  std::string_view name;
  std::string_view value_name;  // empty: a switch without a value
  std::string_view help;
  std::function<void(Invocation&, std::string_view flag, std::string_view value)> set;
};

const std::vector<Flag>& flags() {
  using F = std::string_view;
  static const std::vector<Flag> table = {
      {"--txns", "N", "client transactions to simulate (default 1000)",
       [](Invocation& i, F f, F v) { i.generator.txns = parse_number<uint64_t>(f, v); }},
      {"--workload", "NAME", "list-append (default) or rw-register",
       [](Invocation& i, F f, F v) {
         i.generator.workload = parse_workload(v);
         if (i.generator.workload != Workload::kListAppend &&
             i.generator.workload != Workload::kRwRegister)
           usage_error(std::string(f) + ": expected list-append or rw-register, got " +
                       std::string(v));
       }},
      {"--concurrency", "C", "concurrent client slots (default 10)",
       [](Invocation& i, F f, F v) { i.generator.concurrency = parse_number<uint32_t>(f, v); }},
      {"--keys", "K", "keys active at a time (default 10)",
       [](Invocation& i, F f, F v) { i.generator.active_keys = parse_number<uint32_t>(f, v); }},
      {"--max-writes-per-key", "W", "writes before a key is replaced (default 16)",
       [](Invocation& i, F f, F v) {
         i.generator.max_writes_per_key = parse_number<uint32_t>(f, v);
       }},
      {"--min-mops", "N", "fewest micro-ops per transaction (default 1)",
       [](Invocation& i, F f, F v) { i.generator.min_mops = parse_number<uint32_t>(f, v); }},
      {"--max-mops", "N", "most micro-ops per transaction (default 4)",
       [](Invocation& i, F f, F v) { i.generator.max_mops = parse_number<uint32_t>(f, v); }},
      {"--read-fraction", "P", "chance a micro-op is a read (default 0.5)",
       [](Invocation& i, F f, F v) { i.generator.read_fraction = parse_number<double>(f, v); }},
      {"--fail-rate", "P", "chance a transaction fails (default 0)",
       [](Invocation& i, F f, F v) { i.generator.fail_rate = parse_number<double>(f, v); }},
      {"--info-rate", "P", "chance a transaction ends indeterminate (default 0)",
       [](Invocation& i, F f, F v) { i.generator.info_rate = parse_number<double>(f, v); }},
      {"--final-reads", "", "end with one read of every active key",
       [](Invocation& i, F, F) { i.generator.final_reads = true; }},
      {"--inject", "KIND", "plant one anomaly, by its Elle name (e.g. G-single-item)",
       [](Invocation& i, F f, F v) {
         i.generator.inject = parse_injected_anomaly(v);
         if (!i.generator.inject)
           usage_error(std::string(f) + ": unknown anomaly " + std::string(v));
       }},
      {"--seed", "S", "random seed (default 1)",
       [](Invocation& i, F f, F v) { i.generator.seed = parse_number<uint64_t>(f, v); }},
      {"--format", "FMT", "edn, protobuf (default) or jsonl",
       [](Invocation& i, F f, F v) {
         auto format = parse_format(v);
         if (!format) usage_error(std::string(f) + ": unknown format " + std::string(v));
         i.format = *format;
       }},
      {"--out", "FILE", "where to write the history (required)",
       [](Invocation& i, F, F v) { i.out = std::string(v); }},
  };
  return table;
}

void print_usage() {
  std::fprintf(stderr, "usage: isocheck_gen --out FILE [options]\n");
  for (const Flag& f : flags()) {
    std::string head = std::string(f.name) + " " + std::string(f.value_name);
    std::fprintf(stderr, "  %-26s %.*s\n", head.c_str(), static_cast<int>(f.help.size()),
                 f.help.data());
  }
  std::fprintf(stderr, "anomalies:");
  for (const auto& info : all_injected_anomalies()) {
    std::string_view name = injected_anomaly_name(info.anomaly);
    std::fprintf(stderr, " %.*s", static_cast<int>(name.size()), name.data());
  }
  std::fprintf(stderr, "\n");
}

Invocation parse_arguments(int argc, char** argv) {
  Invocation inv;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    const Flag* flag = nullptr;
    for (const Flag& f : flags())
      if (f.name == arg) flag = &f;
    if (!flag) usage_error("unknown option " + std::string(arg));
    std::string_view value;
    if (!flag->value_name.empty()) {
      if (i + 1 >= argc)
        usage_error(std::string(arg) + ": missing " + std::string(flag->value_name));
      value = argv[++i];
    }
    flag->set(inv, arg, value);
  }
  if (inv.out.empty()) usage_error("--out: required");
  return inv;
}

int run(int argc, char** argv) {
  if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
    print_usage();
    return 0;
  }
  Invocation inv;
  GeneratedHistory generated;
  try {
    inv = parse_arguments(argc, argv);
    generated = generate_history(inv.generator);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "isocheck_gen: %s (see --help)\n", e.what());
    return 2;
  }
  try {
    write_history(generated.history, inv.out, inv.format);
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "isocheck_gen: %s\n", e.what());
    return 2;
  }
  std::fprintf(stderr, "isocheck_gen: wrote %zu transactions to %s (%s)",
               generated.history.txns.size(), inv.out.c_str(), format_name(inv.format));
  if (generated.injected)
    std::fprintf(stderr, "; planted %s as T%llu..T%llu",
                 std::string(injected_anomaly_name(*inv.generator.inject)).c_str(),
                 static_cast<unsigned long long>(generated.injected->first_txn),
                 static_cast<unsigned long long>(generated.injected->first_txn +
                                                 generated.injected->txn_count - 1));
  std::fprintf(stderr, "\n");
  return 0;
}

}  // namespace
}  // namespace isocheck::bench

int main(int argc, char** argv) { return isocheck::bench::run(argc, argv); }
