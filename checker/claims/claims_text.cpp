#include "checker/claims/claims_text.h"

#include <fmt/format.h>

#include <algorithm>

namespace isocheck {
namespace {

struct VerdictStyle {
  const char* ansi;  // SGR code
  const char* short_text;
};

// Indexed by ClaimVerdict.
constexpr VerdictStyle kStyles[kClaimVerdictCount] = {
    {"32", "holds"},          {"1;31", "VIOLATED"}, {"33", "allowed, seen"},
    {"2", "allowed, unseen"}, {"2", "not tested"},  {"1;33", "unknown"},
};

std::string cell_text(const ClaimRow& row) {
  std::string text = kStyles[static_cast<size_t>(row.verdict)].short_text;
  if (row.observed > 0) text += fmt::format(" ({})", row.observed);
  return text;
}

std::string paint(bool color, const char* code, const std::string& text) {
  return color ? fmt::format("\033[{}m{}\033[0m", code, text) : text;
}

void print_cells(std::ostream& out, const VerifyResult& result) {
  out << fmt::format("{:<18} {:<12} {:<10} {:>8} {:>8} {:>7} {:>6} {:>9}  {}\n", "level",
                     "workload", "faults", "txns", "ok", "fail", "info", "ok/s", "anomalies");
  for (const CellOutcome& c : result.cells) {
    std::string kinds;
    for (const ObservedAnomaly& a : c.anomalies)
      kinds += fmt::format("{}{} ×{}", kinds.empty() ? "" : ", ", anomaly_name(a.kind), a.count);
    if (kinds.empty()) kinds = "none";
    if (c.search_incomplete) kinds += " (search cut short)";
    out << fmt::format("{:<18} {:<12} {:<10} {:>8} {:>8} {:>7} {:>6} {:>9.1f}  {}\n", c.level,
                       c.workload, c.faults, c.transactions, c.ok, c.failed, c.indeterminate,
                       c.throughput, kinds);
  }
}

// Phenomena down, the levels that ran under `faults` across; headed by the
// fault set unless it is the usual "none".
void print_grid(std::ostream& out, const ClaimsTable& t, const std::string& faults, bool color) {
  constexpr size_t kWidth = 20;
  out << "\n";
  if (faults != kNoFaults) out << "under faults: " << faults << "\n";
  out << fmt::format("{:<24}", "phenomenon");
  for (const std::string& level : t.levels)
    if (t.find(level, all_phenomena().front().phenomenon, faults))
      out << fmt::format("{:<{}}", level, kWidth);
  out << "\n";
  for (const PhenomenonInfo& info : all_phenomena()) {
    out << fmt::format("{:<24}", info.name);
    for (const std::string& level : t.levels) {
      const ClaimRow* row = t.find(level, info.phenomenon, faults);
      if (!row) continue;
      std::string text = fmt::format("{:<{}}", cell_text(*row), kWidth);
      out << paint(color, kStyles[static_cast<size_t>(row->verdict)].ansi, text);
    }
    out << "\n";
  }
}

}  // namespace

void print_claims_table(std::ostream& out, const VerifyResult& result, bool color) {
  const ClaimsTable& t = result.claims;
  if (!result.server_version.empty()) out << "server: " << result.server_version << "\n";
  print_cells(out, result);
  for (const std::string& faults : t.fault_sets) print_grid(out, t, faults, color);
  for (const ClaimRow& row : t.claims) {
    if (row.verdict != ClaimVerdict::kViolated && row.verdict != ClaimVerdict::kUnknown) continue;
    const PhenomenonInfo& info = phenomenon_info(row.phenomenon);
    out << "\n"
        << paint(color, "1",
                 fmt::format("{} at {}: {}", info.name, claims_column_label(row.level, row.faults),
                             claim_verdict_name(row.verdict)))
        << "\n";
    for (const std::string& reason : row.unknown_reasons) out << "  unknown: " << reason << "\n";
    if (!row.witness) continue;
    out << fmt::format("  {} in {} ({} seen in all):\n", anomaly_name(row.witness->kind),
                       row.witness->workload, row.observed);
    for (const std::string& line : row.witness->lines) out << "    " << line << "\n";
    if (!row.witness->explain_link.empty())
      out << "  explained in " << result.out_dir << "/" << row.witness->explain_link << "\n";
  }
  out << "\n";
  if (t.violated())
    out << paint(color, "1;31", "CLAIM VIOLATED") << ": PostgreSQL showed a phenomenon it says "
        << "cannot happen\n";
  else if (t.unknown())
    out << paint(color, "1;33", "UNKNOWN") << ": no claim violated, but a search was cut short\n";
  else
    out << paint(color, "1;32", "every claim holds") << "\n";
}

}  // namespace isocheck
