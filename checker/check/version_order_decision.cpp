#include "checker/check/version_order_decision.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "checker/graph/process_order.h"
#include "checker/graph/realtime_order.h"
#include "checker/model/consistency_model.h"
#include "checker/polygraph/register_polygraph.h"

namespace isocheck {
namespace {

using K = AnomalyKind;

struct DecidedModel {
  std::string_view model;
  bool snapshot;
  bool process;
  bool realtime;
  AnomalyKind kind;  // what a model no version order satisfies is charged with
};

// Weakest first: a model that fails makes the stronger ones fail with it.
constexpr DecidedModel kDecided[] = {
    {"snapshot-isolation", true, false, false, K::kGNonadjacentItem},
    {"strong-session-snapshot-isolation", true, true, false, K::kGNonadjacentItemProcess},
    {"serializable", false, false, false, K::kG2Item},
    {"strong-session-serializable", false, true, false, K::kG2ItemProcess},
    {"strict-serializable", false, true, true, K::kG2ItemRealtime},
};

const char* outcome_name(PolygraphOutcome o) {
  switch (o) {
    case PolygraphOutcome::kAcyclic:
      return "valid";
    case PolygraphOutcome::kCyclic:
      return "invalid";
    case PolygraphOutcome::kUnknown:
      return "unknown";
  }
  return "?";
}

Anomaly witness(const DecidedModel& m, RegisterDecision&& d) {
  Anomaly a;
  a.kind = m.kind;
  a.txns = std::move(d.txns);
  a.cycle = std::move(d.cycle);
  a.steps = std::move(d.steps);
  std::string path;
  for (const CycleStep& s : a.cycle)
    path += fmt::format("T{} -{}-> ", s.from, edge_kind_name(s.kind));
  if (!a.cycle.empty()) path += fmt::format("T{}", a.cycle.front().from);
  a.summary = fmt::format("{}: {} — no version order satisfies {}: {}", anomaly_name(m.kind), path,
                          m.model, d.conclusion);
  return a;
}

}  // namespace

bool needs_version_order_decision(const std::vector<std::string>& models) {
  std::vector<std::string_view> names(models.begin(), models.end());
  const auto implied = implied_models(names);
  return std::any_of(std::begin(kDecided), std::end(kDecided), [&](const DecidedModel& m) {
    return std::find(implied.begin(), implied.end(), m.model) != implied.end();
  });
}

void decide_version_orders(const History& history, const std::vector<Edge>& data_edges,
                           const EdgeExplainer& data, const OrderExplainer& order,
                           const CheckOptions& options, AnomalySet& found, CheckResult& result) {
  std::vector<std::string_view> names(result.models.begin(), result.models.end());
  const auto implied = implied_models(names);
  std::vector<Edge> process, realtime;
  for (const DecidedModel& m : kDecided) {
    if (std::find(implied.begin(), implied.end(), m.model) == implied.end()) continue;
    std::string_view one[] = {m.model};
    if ((forbidden_anomalies(one) & found).any()) continue;
    if (m.process && process.empty()) process = process_edges(history);
    if (m.realtime && realtime.empty()) realtime = realtime_edges(history);
    std::vector<Edge> known = data_edges;
    if (m.process) known.insert(known.end(), process.begin(), process.end());
    if (m.realtime) known.insert(known.end(), realtime.begin(), realtime.end());

    const auto start = std::chrono::steady_clock::now();
    RegisterDecisionLimits limits;
    limits.search.max_steps = options.max_order_search_steps;
    RegisterDecision d =
        decide_register_orders(history, known, {.snapshot = m.snapshot}, limits, data, order);
    OrderSearchStats stats{
        std::string(m.model),
        outcome_name(d.outcome),
        d.pairs,
        d.stats.forced,
        d.stats.free,
        d.stats.searched,
        d.stats.backtracks,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
    result.order_searches.push_back(std::move(stats));
    switch (d.outcome) {
      case PolygraphOutcome::kAcyclic:
        if (options.want_version_orders) {
          result.version_orders_model = std::string(m.model);
          result.version_orders.clear();
          for (KeyVersionOrder& o : d.orders)
            result.version_orders.push_back({o.key, std::move(o.versions)});
        }
        break;
      case PolygraphOutcome::kCyclic: {
        found.set(static_cast<size_t>(m.kind));
        ++result.counts[m.kind];
        auto& list = result.witnesses[m.kind];
        if (list.size() < options.max_witnesses_per_kind) list.push_back(witness(m, std::move(d)));
        break;
      }
      case PolygraphOutcome::kUnknown:
        result.unknown_reasons.push_back(fmt::format("{}: {}", m.model, d.unknown_reason));
        break;
    }
  }
}

}  // namespace isocheck
