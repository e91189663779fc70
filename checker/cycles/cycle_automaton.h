// CycleAutomaton: a CycleSpec compiled into a small deterministic automaton
// over the kinds of a cycle's steps, read from one chosen first step around
// to the step that closes the cycle.
//
// The search walks (vertex, state) pairs, so the state must say just enough
// to decide acceptance at the end: how many anti-dependency steps (0, 1,
// 2+), whether the first and the latest step were one (cyclic adjacency),
// whether two adjacent ones were seen, and whether the required wr /
// rw-predicate / process / realtime step was seen. States that can never accept are pruned into
// kDead, so a walk stops as soon as its prefix rules the kind out. States
// are numbered densely from the start state 0; there are at most a few
// dozen.
//
// Contract: for every non-empty sequence of kinds, folding next() from
// start() ends in an accepting state iff spec.matches(sequence).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "checker/cycles/cycle_spec.h"

namespace isocheck {

class CycleAutomaton {
 public:
  static constexpr uint8_t kDead = 0xFF;

  explicit CycleAutomaton(const CycleSpec& spec);

  const CycleSpec& spec() const { return spec_; }
  uint8_t start() const { return 0; }
  uint8_t next(uint8_t state, EdgeKind kind) const {
    return transitions_[state][static_cast<size_t>(kind)];
  }
  bool accepts(uint8_t state) const { return accepting_[state]; }
  size_t state_count() const { return transitions_.size(); }

 private:
  CycleSpec spec_;
  std::vector<std::array<uint8_t, kEdgeKindCount>> transitions_;
  std::vector<bool> accepting_;
};

}  // namespace isocheck
