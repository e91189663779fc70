#include "checker/history/fault.h"

#include <array>
#include <utility>

namespace isocheck {
namespace {

constexpr std::array<std::pair<FaultPhase, std::string_view>, 2> kPhaseNames{{
    {FaultPhase::kStart, "start"},
    {FaultPhase::kHeal, "heal"},
}};

}  // namespace

const char* fault_phase_name(FaultPhase p) {
  for (const auto& [phase, name] : kPhaseNames)
    if (phase == p) return name.data();
  return "?";
}

std::optional<FaultPhase> parse_fault_phase(std::string_view name) {
  for (const auto& [phase, n] : kPhaseNames)
    if (n == name) return phase;
  return std::nullopt;
}

std::vector<FaultWindow> fault_windows(const std::vector<Fault>& faults, int64_t open_end_ns) {
  std::vector<FaultWindow> windows;
  // Positions in `windows` of windows still open; few faults overlap.
  std::vector<size_t> open;
  for (const Fault& f : faults) {
    if (f.phase == FaultPhase::kStart) {
      open.push_back(windows.size());
      windows.push_back({f.kind, f.target, f.time_ns, open_end_ns, false});
      continue;
    }
    for (size_t i = 0; i < open.size(); ++i) {
      FaultWindow& w = windows[open[i]];
      if (w.kind != f.kind || w.target != f.target) continue;
      w.heal_ns = f.time_ns;
      w.healed = true;
      open.erase(open.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
  return windows;
}

}  // namespace isocheck
