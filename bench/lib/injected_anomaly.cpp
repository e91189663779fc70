#include "bench/lib/injected_anomaly.h"

#include <array>

#include "bench/lib/anomaly_recipes.h"

namespace isocheck::bench {
namespace {

using I = InjectedAnomaly;
using K = AnomalyKind;

// The weakest model is the weakest one in checker/model's table that
// forbids the kind or a kind it implies.
constexpr std::array<InjectedAnomalyInfo, 21> kInfos{{
    {I::kG0, K::kG0, "read-uncommitted"},
    {I::kG0Realtime, K::kG0Realtime, "strong-read-uncommitted"},
    {I::kG1a, K::kG1a, "read-committed"},
    {I::kG1b, K::kG1b, "read-committed"},
    {I::kG1c, K::kG1c, "read-committed"},
    {I::kG1cRealtime, K::kG1cRealtime, "strong-read-committed"},
    {I::kGSingleItem, K::kGSingleItem, "snapshot-isolation"},
    {I::kGSingleItemProcess, K::kGSingleItemProcess, "strong-session-snapshot-isolation"},
    {I::kGSingleItemRealtime, K::kGSingleItemRealtime, "strong-snapshot-isolation"},
    {I::kGNonadjacentItem, K::kGNonadjacentItem, "snapshot-isolation"},
    {I::kG2Item, K::kG2Item, "repeatable-read"},
    {I::kG2ItemProcess, K::kG2ItemProcess, "strong-session-serializable"},
    {I::kG2ItemRealtime, K::kG2ItemRealtime, "strict-serializable"},
    {I::kInternal, K::kInternal, "snapshot-isolation"},
    {I::kDirtyUpdate, K::kDirtyUpdate, "read-committed"},
    {I::kDuplicateElements, K::kDuplicateElements, "read-uncommitted"},
    {I::kIncompatibleOrder, K::kIncompatibleOrder, "read-committed"},
    {I::kLostUpdate, K::kLostUpdate, "cursor-stability"},
    {I::kGarbageRead, K::kGarbageRead, "read-uncommitted"},
    {I::kLostWrite, K::kLostWrite, "read-uncommitted"},
    {I::kCyclicVersions, K::kCyclicVersions, "read-uncommitted"},
}};

}  // namespace

std::span<const InjectedAnomalyInfo> all_injected_anomalies() { return kInfos; }

const InjectedAnomalyInfo& injected_anomaly_info(InjectedAnomaly a) {
  return kInfos[static_cast<size_t>(a)];
}

std::string_view injected_anomaly_name(InjectedAnomaly a) {
  return anomaly_name(injected_anomaly_info(a).reported_as);
}

std::optional<InjectedAnomaly> parse_injected_anomaly(std::string_view name) {
  for (const auto& info : kInfos)
    if (anomaly_name(info.reported_as) == name) return info.anomaly;
  return std::nullopt;
}

bool can_inject(InjectedAnomaly a, Workload workload) {
  return find_recipe(a, workload) != nullptr;
}

}  // namespace isocheck::bench
