// Edge kinds of the dependency graph between transactions, and the compact
// edge record that version inference emits.
//
// A pair of transactions may be related by several kinds at once (T1 both
// wrote the version T2 overwrote and the one T2 read); the graph keeps one
// edge per ordered pair with a bit mask of kinds.
#pragma once

#include <cstdint>

namespace isocheck {

enum class EdgeKind : uint8_t {
  kWw = 0,        // T2 installed the next version after T1's
  kWr = 1,        // T2 read the version T1 installed
  kRw = 2,        // T1 read a version, T2 installed the next one
  kProcess = 3,   // same process, T2 invoked after T1 completed
  kRealtime = 4,  // T1 completed before T2 was invoked
  // Predicate anti-dependency (Adya): T1's predicate read saw a version of a
  // row, and T2 installed a later version that changes whether the row
  // matches (an insert or update into the predicate, a delete or update out
  // of it).
  kPredicateRw = 5,
};
inline constexpr int kEdgeKindCount = 6;

using EdgeMask = uint8_t;
constexpr EdgeMask mask_of(EdgeKind k) {
  return static_cast<EdgeMask>(1u << static_cast<unsigned>(k));
}
constexpr bool has_kind(EdgeMask m, EdgeKind k) { return (m & mask_of(k)) != 0; }
inline constexpr EdgeMask kDataEdges = mask_of(EdgeKind::kWw) | mask_of(EdgeKind::kWr) |
                                       mask_of(EdgeKind::kRw) | mask_of(EdgeKind::kPredicateRw);
// Either kind of anti-dependency.
constexpr bool is_anti_dependency(EdgeKind k) {
  return k == EdgeKind::kRw || k == EdgeKind::kPredicateRw;
}

// "ww", "wr", "rw", "process", "realtime", "rw-predicate"
const char* edge_kind_name(EdgeKind k);

// One dependency between two transactions (ids are positions in
// History::txns). Emitted by version inference, by process order and by
// real-time order; never a self-edge.
// Eight bytes, not twelve: a 10M-transaction history yields ~100M edges
// before they are merged into the graph. Transaction ids stay below 2^29
// (DependencyGraph refuses more).
struct Edge {
  constexpr Edge() : from(0), to(0), kind(EdgeKind::kWw) {}
  constexpr Edge(uint32_t from_txn, uint32_t to_txn, EdgeKind edge_kind)
      : from(from_txn), to(to_txn), kind(edge_kind) {}

  uint32_t from;
  uint32_t to : 29;
  EdgeKind kind : 3;
};
static_assert(sizeof(Edge) == 8);

}  // namespace isocheck
