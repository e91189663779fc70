// EpochMark: one boundary (open or closed) of an epoch of `isocheck run
// --epoch` — a stretch of the run with its own keys, checkable on its own.
//
// The runner gives every epoch a key range no other epoch touches and, at
// each boundary, lets every client finish its transaction before any client
// starts one in the next epoch (runner/run/epoch_barrier.h argues why no
// cycle can then span two epochs). Marks are facts about the run, like
// faults: no process, never in the dependency graph, no verdict depends on
// them; `check --stream` cuts the history at them. `events_before` is where
// the mark sits among the events (how many events came before it), so
// writers put it back at exactly that place whatever the format's clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace isocheck {

enum class EpochPhase : uint8_t { kOpen, kClosed };

// "open", "closed".
const char* epoch_phase_name(EpochPhase p);
std::optional<EpochPhase> parse_epoch_phase(std::string_view name);

struct EpochMark {
  uint64_t number = 0;
  EpochPhase phase = EpochPhase::kOpen;
  // Keys key_low <= k < key_end; an open mark has key_end == key_low.
  int64_t key_low = 0;
  int64_t key_end = 0;
  int64_t time_ns = 0;
  uint64_t events_before = 0;
};

// Whether `next` may follow `previous` (nullptr: none yet) in one file:
// marks alternate open / closed, numbers count up from 0, a closed mark
// repeats its open mark's number and key_low, ranges never go back. Returns
// "epoch.<field>: <problem>" when not.
std::optional<std::string> epoch_sequence_problem(const EpochMark* previous, const EpochMark& next);

}  // namespace isocheck
