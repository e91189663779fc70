#include "checker/claims/claims_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

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

// Two spaces between columns: a cell as wide as its column still stands apart.
constexpr size_t kGap = 2;

// The display width of UTF-8 `text` (one column per code point: the tables
// hold no wide characters; "×" is one).
size_t width(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// `text` padded to `columns` display columns, left- or right-aligned.
std::string pad(const std::string& text, size_t columns, bool right = false) {
  std::string fill(columns > width(text) ? columns - width(text) : 0, ' ');
  return right ? fill + text : text + fill;
}

// Every column as wide as its widest cell, header included.
void print_cells(std::ostream& out, const VerifyResult& result) {
  std::vector<std::vector<std::string>> rows = {
      {"level", "workload", "faults", "txns", "ok", "fail", "info", "ok/s", "anomalies"}};
  for (const CellOutcome& c : result.cells) {
    std::string kinds;
    for (const ObservedAnomaly& a : c.anomalies)
      kinds += fmt::format("{}{} ×{}", kinds.empty() ? "" : ", ", anomaly_name(a.kind), a.count);
    if (kinds.empty()) kinds = "none";
    if (c.search_incomplete) kinds += " (search cut short)";
    rows.push_back({c.level, c.workload, c.faults, std::to_string(c.transactions),
                    std::to_string(c.ok), std::to_string(c.failed), std::to_string(c.indeterminate),
                    fmt::format("{:.1f}", c.throughput), kinds});
  }
  constexpr size_t kFirstNumber = 3, kLast = 8;  // numbers align right; the last runs free
  std::vector<size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      if (i == kLast) {
        line += row[i];
        break;
      }
      line += pad(row[i], widths[i], i >= kFirstNumber) + std::string(kGap, ' ');
    }
    out << line << "\n";
  }
}

// Phenomena down, the levels that ran under `faults` across; headed by the
// fault set unless it is the usual "none". Every column is as wide as its
// widest cell (verdicts carry counts of any size) plus the gap.
void print_grid(std::ostream& out, const ClaimsTable& t, const std::string& faults, bool color) {
  std::vector<std::string> levels;
  for (const std::string& level : t.levels)
    if (t.find(level, all_phenomena().front().phenomenon, faults)) levels.push_back(level);
  size_t name_width = width("phenomenon");
  for (const PhenomenonInfo& info : all_phenomena())
    name_width = std::max(name_width, width(std::string(info.name)));
  std::vector<size_t> widths;
  for (const std::string& level : levels) {
    size_t w = width(level);
    for (const PhenomenonInfo& info : all_phenomena())
      if (const ClaimRow* row = t.find(level, info.phenomenon, faults))
        w = std::max(w, width(cell_text(*row)));
    widths.push_back(w + kGap);
  }
  out << "\n";
  if (faults != kNoFaults) out << "under faults: " << faults << "\n";
  out << pad("phenomenon", name_width + kGap);
  for (size_t i = 0; i < levels.size(); ++i) out << pad(levels[i], widths[i]);
  out << "\n";
  for (const PhenomenonInfo& info : all_phenomena()) {
    out << pad(std::string(info.name), name_width + kGap);
    for (size_t i = 0; i < levels.size(); ++i) {
      const ClaimRow* row = t.find(levels[i], info.phenomenon, faults);
      std::string text = pad(row ? cell_text(*row) : "", widths[i]);
      out << (row ? paint(color, kStyles[static_cast<size_t>(row->verdict)].ansi, text) : text);
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
    out << paint(color, "1;33", "UNKNOWN")
        << ": no claim violated, but some could not be judged (see \"unknown:\" above)\n";
  else
    out << paint(color, "1;32", "every claim holds") << "\n";
}

}  // namespace isocheck
