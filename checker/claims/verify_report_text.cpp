#include "checker/claims/verify_report_text.h"

#include <fmt/format.h>

#include <algorithm>

#include "checker/claims/claims_text.h"

namespace isocheck {
namespace {

size_t width(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad(const std::string& text, size_t columns) {
  return text + std::string(columns > width(text) ? columns - width(text) : 0, ' ');
}

void print_target_heading(std::ostream& out, const VerifyResult& t) {
  out << "\n=== target " << t.name << ": " << t.target << " ===\n";
  if (t.cells.empty() && !t.server_version.empty()) out << "server: " << t.server_version << "\n";
  std::string settings;
  for (const std::string& name : settings_that_matter()) {
    auto it = t.settings.find(name);
    if (it != t.settings.end())
      settings += fmt::format("{}{}={}", settings.empty() ? "" : ", ", name, it->second);
  }
  if (!settings.empty()) out << "settings: " << settings << "\n";
}

}  // namespace

void print_claim_differences(std::ostream& out, const VerifyReport& report) {
  std::vector<ClaimDifference> diffs = claim_differences(report);
  out << "\nclaims that differ between targets:";
  if (diffs.empty()) {
    out << " none\n";
    return;
  }
  out << "\n";
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head = {"phenomenon", "level"};
  for (const VerifyResult& t : report.targets) head.push_back(t.name);
  rows.push_back(head);
  for (const ClaimDifference& d : diffs) {
    std::vector<std::string> row = {std::string(phenomenon_info(d.phenomenon).name),
                                    claims_column_label(d.level, d.faults)};
    for (const auto& v : d.verdicts)
      row.push_back(v ? std::string(claim_verdict_name(*v)) : std::string("-"));
    rows.push_back(row);
  }
  std::vector<size_t> widths(head.size(), 0);
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]) + 2);
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) line += pad(row[i], widths[i]);
    out << "  " << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
  }
}

void print_verify_report(std::ostream& out, const VerifyReport& report, bool color) {
  if (report.single()) {
    print_claims_table(out, report.targets.front(), color);
    return;
  }
  for (const VerifyResult& t : report.targets) {
    print_target_heading(out, t);
    if (!t.cells.empty()) print_claims_table(out, t, color);
    if (!t.error.empty()) out << "target " << t.name << " could not run: " << t.error << "\n";
  }
  print_claim_differences(out, report);
  out << "\n";
  size_t failed = std::count_if(report.targets.begin(), report.targets.end(),
                                [](const VerifyResult& t) { return !t.error.empty(); });
  if (report.violated())
    out << "CLAIM VIOLATED on some target\n";
  else if (failed > 0)
    out << failed << " of " << report.targets.size() << " target(s) could not run\n";
  else if (report.unknown())
    out << "UNKNOWN: no claim violated, but some could not be judged\n";
  else
    out << "every claim holds on every target\n";
}

}  // namespace isocheck
