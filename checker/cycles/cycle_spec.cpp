#include "checker/cycles/cycle_spec.h"

#include <array>

namespace isocheck {
namespace {

using K = AnomalyKind;
using R = RwRule;
using S = SessionRule;

constexpr std::array<CycleSpec, 24> kSpecs{{
    {K::kG0, false, R::kNone, S::kNone},
    {K::kG0Process, false, R::kNone, S::kProcess},
    {K::kG0Realtime, false, R::kNone, S::kRealtime},
    {K::kG1c, true, R::kNone, S::kNone},
    {K::kG1cProcess, true, R::kNone, S::kProcess},
    {K::kG1cRealtime, true, R::kNone, S::kRealtime},
    {K::kGSingleItem, false, R::kExactlyOne, S::kNone},
    {K::kGSingleItemProcess, false, R::kExactlyOne, S::kProcess},
    {K::kGSingleItemRealtime, false, R::kExactlyOne, S::kRealtime},
    {K::kGNonadjacentItem, false, R::kNonadjacent, S::kNone},
    {K::kGNonadjacentItemProcess, false, R::kNonadjacent, S::kProcess},
    {K::kGNonadjacentItemRealtime, false, R::kNonadjacent, S::kRealtime},
    {K::kG2Item, false, R::kSomeAdjacent, S::kNone},
    {K::kG2ItemProcess, false, R::kSomeAdjacent, S::kProcess},
    {K::kG2ItemRealtime, false, R::kSomeAdjacent, S::kRealtime},
    {K::kGSingle, false, R::kExactlyOne, S::kNone, true},
    {K::kGSingleProcess, false, R::kExactlyOne, S::kProcess, true},
    {K::kGSingleRealtime, false, R::kExactlyOne, S::kRealtime, true},
    {K::kGNonadjacent, false, R::kNonadjacent, S::kNone, true},
    {K::kGNonadjacentProcess, false, R::kNonadjacent, S::kProcess, true},
    {K::kGNonadjacentRealtime, false, R::kNonadjacent, S::kRealtime, true},
    {K::kG2, false, R::kSomeAdjacent, S::kNone, true},
    {K::kG2Process, false, R::kSomeAdjacent, S::kProcess, true},
    {K::kG2Realtime, false, R::kSomeAdjacent, S::kRealtime, true},
}};

constexpr EdgeMask kWw = mask_of(EdgeKind::kWw);
constexpr EdgeMask kWr = mask_of(EdgeKind::kWr);
constexpr EdgeMask kRw = mask_of(EdgeKind::kRw);
constexpr EdgeMask kProcess = mask_of(EdgeKind::kProcess);
constexpr EdgeMask kRealtime = mask_of(EdgeKind::kRealtime);
constexpr EdgeMask kPredicateRw = mask_of(EdgeKind::kPredicateRw);

}  // namespace

EdgeMask CycleSpec::allowed() const {
  // G1c cycles may use ww; every other base kind may use both ww and wr
  // except G0, which is ww alone.
  EdgeMask m = kWw;
  if (needs_wr || rw != R::kNone) m |= kWr;
  if (rw != R::kNone) m |= kRw;
  if (predicate) m |= kPredicateRw;
  if (session != S::kNone) m |= kProcess;
  if (session == S::kRealtime) m |= kRealtime;
  return m;
}

EdgeMask CycleSpec::required() const {
  EdgeMask m = 0;
  if (needs_wr) m |= kWr;
  if (rw != R::kNone) m |= predicate ? kPredicateRw : kRw;
  if (session == S::kProcess) m |= kProcess;
  if (session == S::kRealtime) m |= kRealtime;
  return m == 0 ? kWw : m;
}

bool CycleSpec::matches(std::span<const EdgeKind> steps) const {
  if (steps.empty()) return false;
  const EdgeMask ok = allowed();
  EdgeMask seen = 0;
  size_t rw_count = 0;
  bool adjacent = false;
  for (size_t i = 0; i < steps.size(); ++i) {
    if (!has_kind(ok, steps[i])) return false;
    seen |= mask_of(steps[i]);
    if (!is_anti_dependency(steps[i])) continue;
    ++rw_count;
    // The step before the first is the last: adjacency is cyclic. A
    // one-step cycle is not adjacent to itself.
    const size_t prev = (i + steps.size() - 1) % steps.size();
    if (prev != i && is_anti_dependency(steps[prev])) adjacent = true;
  }
  if ((seen & required()) != required()) return false;
  switch (rw) {
    case R::kNone:
      return rw_count == 0;
    case R::kExactlyOne:
      return rw_count == 1;
    case R::kNonadjacent:
      return rw_count >= 2 && !adjacent;
    case R::kSomeAdjacent:
      return rw_count >= 2 && adjacent;
  }
  return false;
}

std::span<const CycleSpec> cycle_specs() { return kSpecs; }

std::optional<CycleSpec> cycle_spec(AnomalyKind kind) {
  for (const CycleSpec& s : kSpecs)
    if (s.kind == kind) return s;
  return std::nullopt;
}

AnomalySet cycle_kinds() {
  AnomalySet s;
  for (const CycleSpec& spec : kSpecs) s.set(static_cast<size_t>(spec.kind));
  return s;
}

}  // namespace isocheck
