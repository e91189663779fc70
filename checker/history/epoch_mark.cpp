#include "checker/history/epoch_mark.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace isocheck {
namespace {

constexpr std::array<std::pair<EpochPhase, std::string_view>, 2> kPhaseNames{{
    {EpochPhase::kOpen, "open"},
    {EpochPhase::kClosed, "closed"},
}};

}  // namespace

const char* epoch_phase_name(EpochPhase p) {
  for (const auto& [phase, name] : kPhaseNames)
    if (phase == p) return name.data();
  return "?";
}

std::optional<EpochPhase> parse_epoch_phase(std::string_view name) {
  for (const auto& [phase, n] : kPhaseNames)
    if (n == name) return phase;
  return std::nullopt;
}

std::optional<std::string> epoch_sequence_problem(const EpochMark* previous,
                                                  const EpochMark& next) {
  if (next.key_end < next.key_low)
    return fmt::format("epoch.key_end: {} is below key_low {}", next.key_end, next.key_low);
  if (next.phase == EpochPhase::kOpen) {
    if (next.key_end != next.key_low)
      return std::string("epoch.key_end: an open mark's range must be empty");
    if (previous && previous->phase == EpochPhase::kOpen)
      return fmt::format("epoch.phase: epoch {} opens before epoch {} closed", next.number,
                         previous->number);
    uint64_t expected = previous ? previous->number + 1 : 0;
    if (next.number != expected)
      return fmt::format("epoch.number: {} opens, expected {}", next.number, expected);
    if (previous && next.key_low < previous->key_end)
      return fmt::format("epoch.key_low: {} overlaps the keys of epoch {} (up to {})", next.key_low,
                         previous->number, previous->key_end);
    return std::nullopt;
  }
  if (!previous || previous->phase != EpochPhase::kOpen || previous->number != next.number)
    return fmt::format("epoch.phase: epoch {} closes without being open", next.number);
  if (next.key_low != previous->key_low)
    return fmt::format("epoch.key_low: epoch {} closes with key_low {}, it opened with {}",
                       next.number, next.key_low, previous->key_low);
  return std::nullopt;
}

}  // namespace isocheck
