// CycleSpec: the fifteen cycle anomalies (G0, G1c, G-single-item,
// G-nonadjacent-item, G2-item, each plain, -process and -realtime) as data.
//
// A cycle picks one edge kind per step (an edge of the graph may carry
// several). Its data steps decide the base kind:
//   G0                  ww only
//   G1c                 ww and wr, at least one wr
//   G-single-item       exactly one rw, the rest ww / wr
//   G-nonadjacent-item  two or more rw, no two adjacent (cyclically)
//   G2-item             two or more rw, at least two adjacent (cyclically)
// and its session steps the variant:
//   plain     no process or realtime step
//   -process  at least one process step, no realtime step
//   -realtime at least one realtime step (process steps allowed)
// Every cycle therefore has exactly one of the fifteen kinds.
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

  // Kinds a step of such a cycle may use.
  EdgeMask allowed() const;
  // Kinds of which every such cycle has at least one step; never empty
  // (G0 cycles are made of ww steps).
  EdgeMask required() const;
  // Whether a cycle whose steps have these kinds, in order, has this kind.
  bool matches(std::span<const EdgeKind> steps) const;
};

// The fifteen specs, in AnomalyKind order (kG0 first).
std::span<const CycleSpec> cycle_specs();
// The spec of a cycle kind; nullopt for a kind that is not a cycle.
std::optional<CycleSpec> cycle_spec(AnomalyKind kind);
// Every cycle kind, as a set.
AnomalySet cycle_kinds();

}  // namespace isocheck
