// CycleSpec: the twenty-four cycle anomalies (G0, G1c, G-single-item,
// G-nonadjacent-item, G2-item, G-single, G-nonadjacent, G2, each plain,
// -process and -realtime) as data.
//
// A cycle picks one edge kind per step (an edge of the graph may carry
// several). An anti-dependency step is rw (on an item) or rw-predicate
// (Adya's predicate anti-dependency). Its data steps decide the base kind:
//   G0                  ww only
//   G1c                 ww and wr, at least one wr
//   G-single-item       exactly one anti-dependency, an rw; the rest ww / wr
//   G-nonadjacent-item  two or more anti-dependencies, all rw, no two
//                       adjacent (cyclically)
//   G2-item             two or more anti-dependencies, all rw, at least two
//                       adjacent (cyclically)
//   G-single, G-nonadjacent, G2
//                       as the three above, with at least one rw-predicate
// and its session steps the variant:
//   plain     no process or realtime step
//   -process  at least one process step, no realtime step
//   -realtime at least one realtime step (process steps allowed)
// Every cycle therefore has exactly one of the twenty-four kinds.
//
// Adjacency counts every step: rw, process, rw is not adjacent.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "checker/anomaly/anomaly_kind.h"
#include "checker/graph/edge.h"

namespace isocheck {

enum class RwRule : uint8_t {
  kNone,          // no rw step
  kExactlyOne,    // one rw step
  kNonadjacent,   // two or more rw steps, none cyclically adjacent
  kSomeAdjacent,  // two or more rw steps, some two cyclically adjacent
};

enum class SessionRule : uint8_t {
  kNone,      // no process or realtime step
  kProcess,   // a process step, no realtime step
  kRealtime,  // a realtime step; process steps allowed
};

struct CycleSpec {
  AnomalyKind kind;
  bool needs_wr;  // at least one wr step
  RwRule rw;
  SessionRule session;
  // At least one rw-predicate step; false: none may be.
  bool predicate = false;

  // Kinds a step of such a cycle may use.
  EdgeMask allowed() const;
  // Kinds of which every such cycle has at least one step; never empty
  // (G0 cycles are made of ww steps).
  EdgeMask required() const;
  // Whether a cycle whose steps have these kinds, in order, has this kind.
  bool matches(std::span<const EdgeKind> steps) const;
};

// The twenty-four specs, item kinds in AnomalyKind order (kG0 first), then
// the predicate kinds.
std::span<const CycleSpec> cycle_specs();
// The spec of a cycle kind; nullopt for a kind that is not a cycle.
std::optional<CycleSpec> cycle_spec(AnomalyKind kind);
// Every cycle kind, as a set.
AnomalySet cycle_kinds();

}  // namespace isocheck
