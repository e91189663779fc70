#include "checker/report/verdict_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "checker/report/txn_format.h"

namespace isocheck {
namespace {

nlohmann::json txn_json(const History& h, uint32_t id) {
  const Txn& t = h.txns[id];
  nlohmann::json j = {{"id", id},
                      {"process", t.process},
                      {"status", txn_status_name(t.status)},
                      {"invoke_index", t.invoke_index},
                      {"ops", format_mops(h, t)}};
  if (t.completed()) j["complete_index"] = t.complete_index;
  if (t.error != 0)
    j["error"] = {{"sqlstate", h.error_of(t).sqlstate}, {"message", h.error_of(t).message}};
  return j;
}

nlohmann::json witness_json(const History& h, const Anomaly& a) {
  nlohmann::json j = {{"summary", a.summary}};
  if (!a.steps.empty()) j["steps"] = a.steps;
  if (!a.cycle.empty()) {
    nlohmann::json cycle = nlohmann::json::array();
    for (const CycleStep& s : a.cycle)
      cycle.push_back({{"from", s.from}, {"to", s.to}, {"edge", edge_kind_name(s.kind)}});
    j["cycle"] = std::move(cycle);
  }
  if (a.key) j["key"] = *a.key;
  nlohmann::json txns = nlohmann::json::array();
  for (uint32_t id : a.txns) txns.push_back(txn_json(h, id));
  j["txns"] = std::move(txns);
  return j;
}

}  // namespace

const char* validity_name(Validity v) {
  switch (v) {
    case Validity::kValid:
      return "valid";
    case Validity::kInvalid:
      return "invalid";
    case Validity::kUnknown:
      return "unknown";
  }
  return "?";
}

nlohmann::json verdict_json(const History& h, const CheckResult& r) {
  nlohmann::json j;
  if (r.valid == Validity::kUnknown)
    j["valid"] = "unknown";
  else
    j["valid"] = r.valid == Validity::kValid;
  j["workload"] = workload_name(r.workload);
  j["models"] = r.models;
  std::vector<std::string> types;
  nlohmann::json counts = nlohmann::json::object();
  nlohmann::json anomalies = nlohmann::json::object();
  for (const auto& [kind, count] : r.counts) {
    std::string name(anomaly_name(kind));
    types.push_back(name);
    counts[name] = count;
    nlohmann::json list = nlohmann::json::array();
    if (auto it = r.witnesses.find(kind); it != r.witnesses.end())
      for (const Anomaly& a : it->second) list.push_back(witness_json(h, a));
    anomalies[name] = std::move(list);
  }
  std::sort(types.begin(), types.end());
  j["anomaly_types"] = types;
  j["anomaly_counts"] = std::move(counts);
  j["not"] = r.violated;
  j["also_not"] = r.also_violated;
  j["anomalies"] = std::move(anomalies);
  j["unknown_reasons"] = r.unknown_reasons;
  const CheckStats& s = r.stats;
  j["stats"] = {{"transactions", s.transactions},
                {"ok", s.ok},
                {"failed", s.failed},
                {"indeterminate", s.indeterminate},
                {"edges", s.edges},
                {"components", s.components},
                {"largest_component", s.largest_component},
                {"infer_seconds", s.infer_seconds},
                {"graph_seconds", s.graph_seconds},
                {"cycle_seconds", s.cycle_seconds}};
  return j;
}

std::vector<std::string> witness_lines(const History& h, const Anomaly& a) {
  std::vector<std::string> lines{a.summary};
  for (size_t i = 0; i < a.steps.size(); ++i)
    lines.push_back(fmt::format("  {}. {}", i + 1, a.steps[i]));
  for (uint32_t id : a.txns) lines.push_back("    " + format_txn(h, id));
  for (const std::string& t : a.txn_text) lines.push_back("    " + t);
  return lines;
}

void print_verdict(std::ostream& out, const History& h, const CheckResult& r,
                   const TerminalStyle& style) {
  auto paint = [&](const std::string& text, const char* code) {
    return style.color ? fmt::format("\033[{}m{}\033[0m", code, text) : text;
  };
  const CheckStats& s = r.stats;
  out << fmt::format("{} history: {} transactions ({} ok, {} failed, {} indeterminate)\n",
                     workload_name(r.workload), s.transactions, s.ok, s.failed, s.indeterminate);
  out << fmt::format("checked against: {}\n", fmt::join(r.models, ", "));
  switch (r.valid) {
    case Validity::kValid:
      out << paint("VALID", "1;32") << ": no forbidden anomaly found\n";
      break;
    case Validity::kInvalid:
      out << paint("INVALID", "1;31") << ": forbidden anomalies found\n";
      break;
    case Validity::kUnknown:
      out << paint("UNKNOWN", "1;33") << ": a search was cut short\n";
      break;
  }
  for (const std::string& reason : r.unknown_reasons) out << "  unknown: " << reason << "\n";
  if (!r.violated.empty()) {
    out << fmt::format("not {}", fmt::join(r.violated, ", "));
    if (!r.also_violated.empty()) out << fmt::format(" (nor {})", fmt::join(r.also_violated, ", "));
    out << "\n";
  }
  if (r.counts.empty()) return;
  out << "\nanomalies:\n";
  for (const auto& [kind, count] : r.counts)
    out << fmt::format("  {:<28} {:>8}   {}\n", anomaly_name(kind), count,
                       anomaly_info(kind).description);
  for (const auto& [kind, list] : r.witnesses) {
    out << "\n"
        << paint(std::string(anomaly_name(kind)), "1")
        << fmt::format(" — {} found; witness:\n", r.counts.at(kind));
    for (size_t i = 0; i < list.size() && i < style.witnesses_per_kind; ++i)
      for (const std::string& line : witness_lines(h, list[i])) out << "  " << line << "\n";
  }
}

}  // namespace isocheck
