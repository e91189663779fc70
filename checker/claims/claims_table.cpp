#include "checker/claims/claims_table.h"

#include <algorithm>
#include <array>

namespace isocheck {
namespace {

struct VerdictNames {
  ClaimVerdict verdict;
  std::string_view name;
  std::string_view slug;
};

constexpr std::array<VerdictNames, kClaimVerdictCount> kVerdictNames = {{
    {ClaimVerdict::kHolds, "claim holds", "holds"},
    {ClaimVerdict::kViolated, "CLAIM VIOLATED", "violated"},
    {ClaimVerdict::kAllowedSeen, "allowed and seen", "allowed-seen"},
    {ClaimVerdict::kAllowedNotSeen, "allowed and not seen", "allowed-not-seen"},
    {ClaimVerdict::kNotTested, "not tested", "not-tested"},
    {ClaimVerdict::kUnknown, "unknown", "unknown"},
}};

// The verdict for one claim once the evidence is in; the header's table.
ClaimVerdict verdict_for(const PhenomenonInfo& info, bool tested, bool claimed_possible,
                         size_t observed, bool search_incomplete) {
  if (observed == 0 && (info.shown_by.empty() || !tested)) return ClaimVerdict::kNotTested;
  if (observed > 0) return claimed_possible ? ClaimVerdict::kAllowedSeen : ClaimVerdict::kViolated;
  bool shown_by_cycles = std::any_of(info.shown_by.begin(), info.shown_by.end(), is_cycle_anomaly);
  if (search_incomplete && shown_by_cycles && !claimed_possible) return ClaimVerdict::kUnknown;
  return claimed_possible ? ClaimVerdict::kAllowedNotSeen : ClaimVerdict::kHolds;
}

ClaimRow judge_one(const PostgresLevel& level, const std::string& faults,
                   const PhenomenonInfo& info, const std::vector<const CellOutcome*>& cells) {
  ClaimRow row;
  row.level = std::string(level.name);
  row.faults = faults;
  row.phenomenon = info.phenomenon;
  row.claimed_possible = level.possible[static_cast<size_t>(info.phenomenon)];
  AnomalySet seen;
  bool incomplete = false;
  // A cell in which no transaction committed observed nothing: its silence
  // is no evidence that a claim holds.
  bool empty_cell = false;
  // A cell whose connections ran at another level tested that level, not
  // this one: whatever it saw, the claim stays unknown.
  bool wrong_level = false;
  bool tested = info.tested_only_by.empty();
  for (const CellOutcome* cell : cells) {
    tested = tested || std::find(info.tested_only_by.begin(), info.tested_only_by.end(),
                                 cell->workload) != info.tested_only_by.end();
    if (cell->search_incomplete) {
      incomplete = true;
      for (const std::string& reason : cell->unknown_reasons)
        row.unknown_reasons.push_back(cell->workload + ": " + reason);
    }
    if (!cell->isolation_problem.empty()) {
      wrong_level = true;
      row.unknown_reasons.push_back(cell->workload + ": " + cell->isolation_problem);
    }
    if (cell->ok == 0) {
      empty_cell = true;
      row.unknown_reasons.push_back(cell->workload +
                                    ": no transaction committed, the cell tested nothing");
    }
    for (const ObservedAnomaly& a : cell->anomalies) {
      if (a.count == 0 || phenomenon_of(a.kind) != info.phenomenon) continue;
      row.observed += a.count;
      seen.set(static_cast<size_t>(a.kind));
      if (!row.witness && !a.witness.empty())
        row.witness = ClaimWitness{cell->workload, a.kind, a.witness, a.explain_link};
    }
  }
  for (int k = 0; k < kAnomalyKindCount; ++k)
    if (seen.test(static_cast<size_t>(k))) row.kinds_seen.push_back(static_cast<AnomalyKind>(k));
  row.verdict = verdict_for(info, tested, row.claimed_possible, row.observed, incomplete);
  if (empty_cell && row.verdict == ClaimVerdict::kHolds) row.verdict = ClaimVerdict::kUnknown;
  if (wrong_level && row.verdict != ClaimVerdict::kNotTested) row.verdict = ClaimVerdict::kUnknown;
  if (row.verdict != ClaimVerdict::kUnknown) row.unknown_reasons.clear();
  return row;
}

// The claims and details of one column: `level` under `faults`, if any cell
// ran there.
void judge_column(const PostgresLevel& level, const std::string& faults,
                  std::span<const CellOutcome> cells, ClaimsTable& table) {
  std::vector<const CellOutcome*> of_column;
  for (const CellOutcome& c : cells)
    if (find_postgres_level(c.level) == &level && c.faults == faults) of_column.push_back(&c);
  if (of_column.empty()) return;
  for (const PhenomenonInfo& info : all_phenomena())
    table.claims.push_back(judge_one(level, faults, info, of_column));
  for (const PhenomenonInfo& info : all_phenomena()) {
    for (AnomalyKind kind : info.shown_by) {
      KindDetail d;
      d.level = std::string(level.name);
      d.faults = faults;
      d.kind = kind;
      d.phenomenon = info.phenomenon;
      d.claimed_possible = level.possible[static_cast<size_t>(info.phenomenon)];
      for (const CellOutcome* cell : of_column) {
        KindCount kc{cell->workload, 0};
        for (const ObservedAnomaly& a : cell->anomalies)
          if (a.kind == kind) kc.count += a.count;
        d.total += kc.count;
        d.per_workload.push_back(std::move(kc));
      }
      table.details.push_back(std::move(d));
    }
  }
}

}  // namespace

std::string_view claim_verdict_name(ClaimVerdict v) {
  return kVerdictNames[static_cast<size_t>(v)].name;
}

std::string_view claim_verdict_slug(ClaimVerdict v) {
  return kVerdictNames[static_cast<size_t>(v)].slug;
}

std::optional<ClaimVerdict> parse_claim_verdict_slug(std::string_view slug) {
  for (const VerdictNames& n : kVerdictNames)
    if (n.slug == slug) return n.verdict;
  return std::nullopt;
}

bool is_cycle_anomaly(AnomalyKind k) {
  // anomaly_kind.h lists the cycle kinds first, G2-item-realtime last.
  return k <= AnomalyKind::kG2ItemRealtime;
}

bool ClaimsTable::violated() const {
  return std::any_of(claims.begin(), claims.end(),
                     [](const ClaimRow& r) { return r.verdict == ClaimVerdict::kViolated; });
}

bool ClaimsTable::unknown() const {
  return std::any_of(claims.begin(), claims.end(),
                     [](const ClaimRow& r) { return r.verdict == ClaimVerdict::kUnknown; });
}

const ClaimRow* ClaimsTable::find(std::string_view level, Phenomenon p,
                                  std::string_view faults) const {
  for (const ClaimRow& r : claims)
    if (r.level == level && r.phenomenon == p && r.faults == faults) return &r;
  return nullptr;
}

std::string claims_column_label(std::string_view level, std::string_view faults) {
  if (faults == kNoFaults) return std::string(level);
  return std::string(level) + " under " + std::string(faults);
}

ClaimsTable judge_claims(std::span<const CellOutcome> cells) {
  ClaimsTable table;
  for (const CellOutcome& c : cells)
    if (std::find(table.fault_sets.begin(), table.fault_sets.end(), c.faults) ==
        table.fault_sets.end())
      table.fault_sets.push_back(c.faults);
  for (const PostgresLevel& level : all_postgres_levels()) {
    bool ran = std::any_of(cells.begin(), cells.end(), [&](const CellOutcome& c) {
      return find_postgres_level(c.level) == &level;
    });
    if (ran) table.levels.push_back(std::string(level.name));
  }
  for (const std::string& faults : table.fault_sets)
    for (const PostgresLevel& level : all_postgres_levels())
      judge_column(level, faults, cells, table);
  return table;
}

}  // namespace isocheck
