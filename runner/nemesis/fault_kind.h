// FaultKind: the faults `--nemesis` accepts, as a table — name, whether it
// needs the embedded server, how long it is held before healing, and the
// injector that implements it (fault_kind.cpp).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/nemesis/fault_injector.h"

namespace isocheck::runner {

enum class FaultKind { kKill, kPause, kTerminate, kRestart, kFailover, kPartition, kClock };

// What a fault acts on: any server (through SQL), the single throwaway
// server, or the throwaway primary and standbys of --replicas.
enum class FaultScope { kAnyServer, kSingleServer, kReplicaSet };

struct FaultKindInfo {
  FaultKind kind;
  std::string_view name;
  FaultScope scope;
  // The fault is held for a time drawn uniformly from [min_hold, max_hold]
  // before it is healed (zero for faults that are over once injected).
  std::chrono::milliseconds min_hold;
  std::chrono::milliseconds max_hold;
  std::unique_ptr<FaultInjector> (*make)(const NemesisTarget&);
};

const FaultKindInfo& fault_kind_info(FaultKind kind);
// Whether the fault needs a server isocheck started (not --dsn).
inline bool needs_embedded_server(const FaultKindInfo& info) {
  return info.scope != FaultScope::kAnyServer;
}
std::optional<FaultKind> parse_fault_kind(std::string_view name);
// "kill, pause, terminate, restart": for usage lines.
std::string fault_kind_names();

// Parses "kill,pause" into kinds, in order, without duplicates; throws
// std::invalid_argument naming the unknown or repeated name.
std::vector<FaultKind> parse_fault_kinds(std::string_view list);

}  // namespace isocheck::runner
