// AnomalyKind: the catalogue of anomalies isocheck knows, as data.
//
// Each kind has its Elle spelling (so Jepsen users recognise "G-single-item"
// or "G1c-realtime"), the kinds it implies (a G0 cycle is also a G1c cycle;
// lost-update is a G2-item; see anomaly_kind.cpp), and whether it is found
// directly or only ever implied (G1 ... exist so that models can forbid
// them by their textbook names). G-single, G-nonadjacent and G2 are Adya's
// general kinds: found directly as cycles through a predicate
// anti-dependency, and implied by their -item kinds.
//
// Contract: `kAnomalyKindCount` entries, one per enumerator, in enumerator
// order; `implied_anomalies()` returns the reflexive-transitive closure.
#pragma once

#include <bitset>
#include <optional>
#include <span>
#include <string_view>

namespace isocheck {

enum class AnomalyKind : uint8_t {
  // Cycles in the dependency graph; each has -process and -realtime variants
  // that need a process or real-time edge to close the cycle.
  kG0,
  kG0Process,
  kG0Realtime,
  kG1c,
  kG1cProcess,
  kG1cRealtime,
  kGSingleItem,
  kGSingleItemProcess,
  kGSingleItemRealtime,
  kGNonadjacentItem,
  kGNonadjacentItemProcess,
  kGNonadjacentItemRealtime,
  kG2Item,
  kG2ItemProcess,
  kG2ItemRealtime,
  // Found by looking at single reads and writes, not cycles.
  kG1a,
  kG1b,
  kInternal,
  kDirtyUpdate,
  kDuplicateElements,
  kIncompatibleOrder,
  kLostUpdate,
  kCyclicVersions,
  kGarbageRead,
  kLostWrite,
  kWrongTotal,
  kNegativeBalance,
  kPhantom,
  kOnCallOverbooked,
  // Only ever implied by the kinds above.
  kG1,
  kG1Process,
  kG1Realtime,
  // Cycles through a predicate anti-dependency (found directly, as cycles),
  // and implied by their -item counterparts.
  kGSingle,
  kGSingleProcess,
  kGSingleRealtime,
  kGNonadjacent,
  kGNonadjacentProcess,
  kGNonadjacentRealtime,
  kG2,
  kG2Process,
  kG2Realtime,
  kCount_,
};
inline constexpr int kAnomalyKindCount = static_cast<int>(AnomalyKind::kCount_);

using AnomalySet = std::bitset<kAnomalyKindCount>;

struct AnomalyKindInfo {
  AnomalyKind kind;
  std::string_view name;         // Elle's spelling
  bool found_directly;           // false: only ever implied
  std::string_view description;  // one line, for reports
};

const AnomalyKindInfo& anomaly_info(AnomalyKind k);
std::string_view anomaly_name(AnomalyKind k);
std::optional<AnomalyKind> parse_anomaly(std::string_view name);
std::span<const AnomalyKindInfo> all_anomaly_kinds();

// Every kind implied by any kind in `s`, `s` included.
AnomalySet implied_anomalies(const AnomalySet& s);
// Every kind that implies some kind in `s`, `s` included.
AnomalySet anomalies_implying(const AnomalySet& s);

}  // namespace isocheck
