// InjectedAnomaly: the anomalies the history generator can plant, one
// instance each, in an otherwise valid history, and what a correct checker
// must then say.
//
// Each kind names the AnomalyKind a checker must report and the weakest
// consistency model (by its name in checker/model) the planted instance
// violates. How each kind is built, for each workload, is in
// anomaly_recipes.cpp: a handful of purpose-built transactions on fresh keys
// and fresh processes, invoked and completed in a chosen interleaving.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "checker/anomaly/anomaly_kind.h"
#include "checker/history/history.h"

namespace isocheck::bench {

enum class InjectedAnomaly : uint8_t {
  kG0,
  kG0Realtime,
  kG1a,
  kG1b,
  kG1c,
  kG1cRealtime,
  kGSingleItem,
  kGSingleItemProcess,
  kGSingleItemRealtime,
  kGNonadjacentItem,
  kG2Item,
  kG2ItemProcess,
  kG2ItemRealtime,
  kInternal,
  kDirtyUpdate,
  kDuplicateElements,
  kIncompatibleOrder,
  kLostUpdate,
  kGarbageRead,
  kLostWrite,
  kCyclicVersions,
};

struct InjectedAnomalyInfo {
  InjectedAnomaly anomaly;
  AnomalyKind reported_as;  // the kind a correct checker reports
  std::string_view weakest_violated_model;
};

std::span<const InjectedAnomalyInfo> all_injected_anomalies();
const InjectedAnomalyInfo& injected_anomaly_info(InjectedAnomaly a);
// The Elle spelling of the reported kind, e.g. "G-single-item-realtime".
std::string_view injected_anomaly_name(InjectedAnomaly a);
std::optional<InjectedAnomaly> parse_injected_anomaly(std::string_view name);
// Whether a recipe exists for `a` in `workload` (duplicate-elements and
// incompatible-order need lists; cyclic-versions needs registers).
bool can_inject(InjectedAnomaly a, Workload workload);

}  // namespace isocheck::bench
