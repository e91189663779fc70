// Fault: one phase (start or heal) of a fault a nemesis injected while the
// history was recorded — a crash, a stall, a dropped connection.
//
// Faults are facts about the run, not transactions: they have no process,
// never enter the process or real-time order, and no verdict depends on
// them. Reports draw each window from a start to the next heal of the same
// kind and target on the time axis of the events (time_ns is the same
// CLOCK_MONOTONIC clock as Txn::invoke_ns).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isocheck {

enum class FaultPhase : uint8_t { kStart, kHeal };

// "start", "heal".
const char* fault_phase_name(FaultPhase p);
std::optional<FaultPhase> parse_fault_phase(std::string_view name);

struct Fault {
  std::string kind;  // "kill", "pause", ...; never empty
  FaultPhase phase = FaultPhase::kStart;
  std::string target;  // the node it hit; may be empty
  std::string detail;  // for people; may be empty
  int64_t time_ns = 0;
};

// A fault's span on the time axis: from a start to the next heal of the same
// kind and target, or to `open_end_ns` when the history ends before it heals.
struct FaultWindow {
  std::string kind;
  std::string target;
  int64_t start_ns = 0;
  int64_t heal_ns = 0;
  bool healed = false;
};

// Pairs starts with heals; `faults` in time order (History's contract). A
// heal without a start is ignored.
std::vector<FaultWindow> fault_windows(const std::vector<Fault>& faults, int64_t open_end_ns);

}  // namespace isocheck
