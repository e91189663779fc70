// ClaimsTable: PostgreSQL's isolation claims (checker/model/postgres_claims.h)
// judged against what a verify run observed.
//
// For every level that ran and every phenomenon, the anomalies found in
// that level's cells are mapped to phenomena (phenomenon_of) and counted;
// the verdict compares the count with the claim:
//
//   claimed impossible, seen            -> CLAIM VIOLATED
//   claimed impossible, not seen        -> claim holds
//   claimed possible, seen              -> allowed and seen
//   claimed possible, not seen          -> allowed and not seen
//   no cell ran a workload that can show it (tested_only_by) and it was
//   not seen                            -> not tested
//   claimed impossible, not seen, and a -> unknown (only for phenomena shown
//   cycle search was cut short             by cycles: a cut search says
//                                          nothing about the others; and an
//                                          allowed phenomenon cannot break
//                                          its claim either way)
//   claimed impossible, not seen, and a -> unknown (a cell that committed
//   cell of the column committed nothing   nothing tested nothing)
//   a cell of the column whose          -> unknown, whatever was seen (it
//   connections ran at another level       tested that level: the cell's
//   (CellOutcome::isolation_problem)       isolation_problem is the reason)
//
// Claims are judged from this mapping, not from a model verdict, so a
// strict-serializable check of a read-committed history yields the right
// answer for read committed's claims. The details list every level ×
// anomaly kind that shows some phenomenon, with per-workload counts.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "checker/claims/cell_outcome.h"
#include "checker/model/postgres_claims.h"

namespace isocheck {

enum class ClaimVerdict : uint8_t {
  kHolds,
  kViolated,
  kAllowedSeen,
  kAllowedNotSeen,
  kNotTested,
  kUnknown,
};
inline constexpr int kClaimVerdictCount = 6;

// "claim holds", "CLAIM VIOLATED", "allowed and seen", "allowed and not
// seen", "not tested", "unknown".
std::string_view claim_verdict_name(ClaimVerdict v);
// "holds", "violated", "allowed-seen", "allowed-not-seen", "not-tested",
// "unknown": for JSON and CSS classes.
std::string_view claim_verdict_slug(ClaimVerdict v);
std::optional<ClaimVerdict> parse_claim_verdict_slug(std::string_view slug);

// Where the first witness of a phenomenon at a level was seen.
struct ClaimWitness {
  std::string workload;
  AnomalyKind kind = AnomalyKind::kG0;
  std::vector<std::string> lines;  // the witness in words
  std::string explain_link;        // relative to the verify output directory
};

struct ClaimRow {
  std::string level;
  std::string faults{kNoFaults};  // the fault set of the cells judged
  Phenomenon phenomenon = Phenomenon::kDirtyRead;
  bool claimed_possible = false;
  size_t observed = 0;
  ClaimVerdict verdict = ClaimVerdict::kNotTested;
  std::vector<AnomalyKind> kinds_seen;  // in AnomalyKind order
  std::optional<ClaimWitness> witness;
  // Why the verdict is unknown (the cells' unknown reasons), else empty.
  std::vector<std::string> unknown_reasons;
};

struct KindCount {
  std::string workload;
  size_t count = 0;
};

struct KindDetail {
  std::string level;
  std::string faults{kNoFaults};
  AnomalyKind kind = AnomalyKind::kG0;
  Phenomenon phenomenon = Phenomenon::kDirtyRead;
  bool claimed_possible = false;
  size_t total = 0;
  std::vector<KindCount> per_workload;  // one entry per cell of the level
};

struct ClaimsTable {
  std::vector<std::string> levels;      // levels that ran, weakest first
  std::vector<std::string> fault_sets;  // fault sets that ran, in order of first cell
  // fault sets × levels (those with cells) × all_phenomena(), in that order.
  std::vector<ClaimRow> claims;
  std::vector<KindDetail> details;  // the same columns × every kind some phenomenon lists

  bool violated() const;  // some claim is CLAIM VIOLATED
  bool unknown() const;   // some claim is unknown
  // nullptr when that level did not run under that fault set.
  const ClaimRow* find(std::string_view level, Phenomenon p,
                       std::string_view faults = kNoFaults) const;
};

// "serializable" without faults, "serializable under kill+pause" with: the
// heading of a claims column.
std::string claims_column_label(std::string_view level, std::string_view faults);

// Judges every claim, separately for each fault set: a claim is judged from
// the cells of its level that ran under the same faults. Cells whose level
// is not a PostgresLevel name are ignored (the matrix never makes them; a
// hand-edited JSON might).
ClaimsTable judge_claims(std::span<const CellOutcome> cells);

// Whether `k` is a cycle in the dependency graph (its absence is only
// evidence when the cycle search was complete).
bool is_cycle_anomaly(AnomalyKind k);

}  // namespace isocheck
