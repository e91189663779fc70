#include "runner/nemesis/fault_kind.h"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace isocheck::runner {
namespace {

using std::chrono::milliseconds;

// Holds: a killed server stays down about a second before it is restarted
// (clients see refused connections, not just a blip); a paused one a few
// seconds, long enough for clients to pile up waiting but well inside the
// client-side statement timeout. A failed-over set runs on the promoted
// standby alone for a moment before the old primary is rewound back in. A
// partition lasts a few seconds: shorter than the client-side statement
// deadline, longer than the 5 s connect timeout at its upper end. A clock
// jump holds long enough for many transactions to run under it.
constexpr std::array<FaultKindInfo, 7> kFaultKinds{{
    {FaultKind::kKill, "kill", FaultScope::kSingleServer, milliseconds(500), milliseconds(1500),
     &make_kill_fault},
    {FaultKind::kPause, "pause", FaultScope::kSingleServer, milliseconds(2000), milliseconds(4000),
     &make_pause_fault},
    {FaultKind::kTerminate, "terminate", FaultScope::kAnyServer, milliseconds(0), milliseconds(0),
     &make_terminate_fault},
    {FaultKind::kRestart, "restart", FaultScope::kSingleServer, milliseconds(0), milliseconds(0),
     &make_restart_fault},
    {FaultKind::kFailover, "failover", FaultScope::kReplicaSet, milliseconds(200),
     milliseconds(1000), &make_failover_fault},
    {FaultKind::kPartition, "partition", FaultScope::kSingleServer, milliseconds(2000),
     milliseconds(6000), &make_partition_fault},
    {FaultKind::kClock, "clock", FaultScope::kSingleServer, milliseconds(2000), milliseconds(5000),
     &make_clock_fault},
}};

}  // namespace

const FaultKindInfo& fault_kind_info(FaultKind kind) {
  for (const FaultKindInfo& info : kFaultKinds)
    if (info.kind == kind) return info;
  throw std::logic_error("fault kind missing from the table");
}

std::optional<FaultKind> parse_fault_kind(std::string_view name) {
  for (const FaultKindInfo& info : kFaultKinds)
    if (info.name == name) return info.kind;
  return std::nullopt;
}

std::string fault_kind_names() {
  std::string names;
  for (const FaultKindInfo& info : kFaultKinds) {
    if (!names.empty()) names += ", ";
    names += info.name;
  }
  return names;
}

std::vector<FaultKind> parse_fault_kinds(std::string_view list) {
  std::vector<FaultKind> kinds;
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t comma = std::min(list.find(',', pos), list.size());
    std::string_view name = list.substr(pos, comma - pos);
    std::optional<FaultKind> kind = parse_fault_kind(name);
    if (!kind)
      throw std::invalid_argument("unknown fault '" + std::string(name) + "' (expected " +
                                  fault_kind_names() + ")");
    if (std::find(kinds.begin(), kinds.end(), *kind) != kinds.end())
      throw std::invalid_argument("fault '" + std::string(name) + "' is listed twice");
    kinds.push_back(*kind);
    pos = comma + 1;
  }
  return kinds;
}

}  // namespace isocheck::runner
