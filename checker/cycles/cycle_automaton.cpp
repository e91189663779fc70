#include "checker/cycles/cycle_automaton.h"

#include <stdexcept>

namespace isocheck {
namespace {

// What the automaton remembers about the steps read so far, before states
// are numbered.
struct Memory {
  bool started = false;
  bool first_rw = false;
  bool last_rw = false;
  bool adjacent = false;  // two adjacent rw steps inside the sequence
  uint8_t rw_count = 0;   // capped at 2
  bool wr_seen = false;
  bool session_seen = false;
  bool predicate_seen = false;

  uint16_t code() const {
    return static_cast<uint16_t>(started | first_rw << 1 | last_rw << 2 | adjacent << 3 |
                                 rw_count << 4 | wr_seen << 6 | session_seen << 7 |
                                 predicate_seen << 8);
  }
};

bool tracks_adjacency(RwRule r) { return r == RwRule::kNonadjacent || r == RwRule::kSomeAdjacent; }

// The memory after one more step, or nothing when no continuation can match.
bool step(const CycleSpec& spec, Memory m, EdgeKind kind, Memory& out) {
  if (!has_kind(spec.allowed(), kind)) return false;
  const bool rw = is_anti_dependency(kind);
  if (kind == EdgeKind::kPredicateRw) m.predicate_seen = true;
  if (tracks_adjacency(spec.rw)) {
    if (rw && m.last_rw) m.adjacent = true;
    if (!m.started) m.first_rw = rw;
    m.last_rw = rw;
  }
  m.started = true;
  if (rw && m.rw_count < 2) ++m.rw_count;
  if (kind == EdgeKind::kWr && spec.needs_wr) m.wr_seen = true;
  if ((spec.session == SessionRule::kProcess && kind == EdgeKind::kProcess) ||
      (spec.session == SessionRule::kRealtime && kind == EdgeKind::kRealtime)) {
    m.session_seen = true;
  }
  if (spec.rw == RwRule::kExactlyOne && m.rw_count > 1) return false;
  if (spec.rw == RwRule::kNonadjacent && m.adjacent) return false;
  // Once two adjacent rw steps are seen, where the cycle starts and ends no
  // longer matters; forgetting it keeps the automaton small.
  if (spec.rw == RwRule::kSomeAdjacent && m.adjacent) m.first_rw = m.last_rw = false;
  out = m;
  return true;
}

bool accepting(const CycleSpec& spec, const Memory& m) {
  if (!m.started) return false;
  if (spec.needs_wr && !m.wr_seen) return false;
  if (spec.predicate && !m.predicate_seen) return false;
  if (spec.session != SessionRule::kNone && !m.session_seen) return false;
  const bool cyclic_adjacent = m.adjacent || (m.first_rw && m.last_rw);
  switch (spec.rw) {
    case RwRule::kNone:
      return m.rw_count == 0;
    case RwRule::kExactlyOne:
      return m.rw_count == 1;
    case RwRule::kNonadjacent:
      return m.rw_count == 2 && !cyclic_adjacent;
    case RwRule::kSomeAdjacent:
      return m.rw_count == 2 && cyclic_adjacent;
  }
  return false;
}

}  // namespace

CycleAutomaton::CycleAutomaton(const CycleSpec& spec) : spec_(spec) {
  // Number the reachable memories breadth-first from the empty one.
  std::vector<Memory> memories{Memory{}};
  std::array<int, 512> number_of;
  number_of.fill(-1);
  number_of[Memory{}.code()] = 0;
  for (size_t i = 0; i < memories.size(); ++i) {
    std::array<uint8_t, kEdgeKindCount> row;
    for (int k = 0; k < kEdgeKindCount; ++k) {
      Memory out;
      if (!step(spec, memories[i], static_cast<EdgeKind>(k), out)) {
        row[k] = kDead;
        continue;
      }
      int& n = number_of[out.code()];
      if (n < 0) {
        n = static_cast<int>(memories.size());
        memories.push_back(out);
      }
      row[k] = static_cast<uint8_t>(n);
    }
    transitions_.push_back(row);
  }
  if (memories.size() >= kDead) throw std::logic_error("cycle automaton: too many states");
  for (const Memory& m : memories) accepting_.push_back(accepting(spec, m));
}

}  // namespace isocheck
