#include "checker/claims/compare.h"

#include <fmt/format.h>

namespace isocheck {
namespace {

const CellOutcome* find_cell(const VerifyResult& r, const CellOutcome& like) {
  for (const CellOutcome& c : r.cells)
    if (c.level == like.level && c.workload == like.workload && c.faults == like.faults) return &c;
  return nullptr;
}

std::string cell_name(const std::string& level, const std::string& workload,
                      const std::string& faults) {
  std::string name = level + "/" + workload;
  return faults == kNoFaults ? name : name + " under " + faults;
}

AnomalySet kinds_of(const CellOutcome& c) {
  AnomalySet s;
  for (const ObservedAnomaly& a : c.anomalies)
    if (a.count > 0) s.set(static_cast<size_t>(a.kind));
  return s;
}

std::vector<AnomalyKind> members(const AnomalySet& s) {
  std::vector<AnomalyKind> out;
  for (int k = 0; k < kAnomalyKindCount; ++k)
    if (s.test(static_cast<size_t>(k))) out.push_back(static_cast<AnomalyKind>(k));
  return out;
}

std::string verdict_text(const std::optional<ClaimVerdict>& v) {
  return v ? std::string(claim_verdict_name(*v)) : "not judged";
}

std::string kind_list(const std::vector<AnomalyKind>& kinds) {
  std::string out;
  for (AnomalyKind k : kinds) out += fmt::format("{}{}", out.empty() ? "" : ", ", anomaly_name(k));
  return out;
}

}  // namespace

VerifyComparison compare_verify(const VerifyResult& before, const VerifyResult& after) {
  VerifyComparison c;
  // Claims: every (level, phenomenon) judged in either run, in after's order
  // and then before's leftovers.
  auto add_claim = [&](const ClaimRow& row) {
    for (const ClaimChange& existing : c.claims)
      if (existing.level == row.level && existing.phenomenon == row.phenomenon &&
          existing.faults == row.faults)
        return;
    const ClaimRow* b = before.claims.find(row.level, row.phenomenon, row.faults);
    const ClaimRow* a = after.claims.find(row.level, row.phenomenon, row.faults);
    std::optional<ClaimVerdict> vb, va;
    if (b) vb = b->verdict;
    if (a) va = a->verdict;
    if (vb == va) return;
    c.claims.push_back({row.level, row.faults, row.phenomenon, vb, va});
    if (va == ClaimVerdict::kViolated) ++c.newly_violated;
  };
  for (const ClaimRow& row : after.claims.claims) add_claim(row);
  for (const ClaimRow& row : before.claims.claims) add_claim(row);

  for (const CellOutcome& a : after.cells) {
    const CellOutcome* b = find_cell(before, a);
    if (!b) {
      c.only_after.push_back(cell_name(a.level, a.workload, a.faults));
      continue;
    }
    CellChange change{a.level, a.workload,    a.faults,     {},
                      {},      b->throughput, a.throughput, std::nullopt};
    AnomalySet kb = kinds_of(*b), ka = kinds_of(a);
    change.new_kinds = members(ka & ~kb);
    change.vanished_kinds = members(kb & ~ka);
    if (b->throughput > 0)
      change.throughput_change_percent = (a.throughput - b->throughput) / b->throughput * 100;
    c.cells.push_back(std::move(change));
  }
  for (const CellOutcome& b : before.cells)
    if (!find_cell(after, b)) c.only_before.push_back(cell_name(b.level, b.workload, b.faults));
  return c;
}

void print_comparison(std::ostream& out, const VerifyComparison& c) {
  out << "claims that changed verdict:\n";
  if (c.claims.empty()) out << "  none\n";
  for (const ClaimChange& ch : c.claims) {
    bool regression = ch.after == ClaimVerdict::kViolated;
    out << fmt::format("  {}{} at {}: {} -> {}\n", regression ? "NEWLY VIOLATED: " : "",
                       phenomenon_info(ch.phenomenon).name,
                       claims_column_label(ch.level, ch.faults), verdict_text(ch.before),
                       verdict_text(ch.after));
  }
  out << "\ncells:\n";
  for (const CellChange& cell : c.cells) {
    std::string throughput = cell.throughput_change_percent
                                 ? fmt::format("{:+.1f}%", *cell.throughput_change_percent)
                                 : std::string("n/a (was 0)");
    out << fmt::format("  {}: throughput {:.1f} -> {:.1f} ok/s ({})\n",
                       cell_name(cell.level, cell.workload, cell.faults), cell.throughput_before,
                       cell.throughput_after, throughput);
    if (!cell.new_kinds.empty()) out << "    new anomalies: " << kind_list(cell.new_kinds) << "\n";
    if (!cell.vanished_kinds.empty())
      out << "    vanished anomalies: " << kind_list(cell.vanished_kinds) << "\n";
  }
  for (const std::string& name : c.only_before) out << "  " << name << ": only in the first run\n";
  for (const std::string& name : c.only_after) out << "  " << name << ": only in the second run\n";
  out << "\n"
      << (c.newly_violated > 0 ? fmt::format("{} claim(s) newly violated\n", c.newly_violated)
                               : std::string("no claim newly violated\n"));
}

namespace {

const VerifyResult* find_target(const VerifyReport& r, const std::string& name) {
  for (const VerifyResult& t : r.targets)
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace

ReportComparison compare_reports(const VerifyReport& before, const VerifyReport& after) {
  ReportComparison c;
  for (const VerifyResult& a : after.targets) {
    TargetComparison t{a.name, false, false, {}};
    if (const VerifyResult* b = find_target(before, a.name)) {
      t.comparison = compare_verify(*b, a);
      c.newly_violated += t.comparison.newly_violated;
    } else {
      t.only_after = true;
    }
    c.targets.push_back(std::move(t));
  }
  for (const VerifyResult& b : before.targets)
    if (!find_target(after, b.name)) c.targets.push_back({b.name, true, false, {}});
  return c;
}

void print_report_comparison(std::ostream& out, const ReportComparison& c) {
  if (c.targets.size() == 1 && c.targets.front().name.empty() && !c.targets.front().only_after &&
      !c.targets.front().only_before) {
    print_comparison(out, c.targets.front().comparison);
    return;
  }
  for (const TargetComparison& t : c.targets) {
    std::string name = t.name.empty() ? "(unnamed)" : t.name;
    if (t.only_before) {
      out << "=== target " << name << ": only in the first run ===\n\n";
      continue;
    }
    if (t.only_after) {
      out << "=== target " << name << ": only in the second run ===\n\n";
      continue;
    }
    out << "=== target " << name << " ===\n";
    print_comparison(out, t.comparison);
    out << "\n";
  }
  out << (c.newly_violated > 0
              ? fmt::format("{} claim(s) newly violated over all targets\n", c.newly_violated)
              : std::string("no claim newly violated on any target\n"));
}

}  // namespace isocheck
