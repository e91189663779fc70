#include "checker/check/version_order_decision.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <span>

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

namespace {

// One decision run: the searches share the process and real-time edges.
class ModelDecider {
 public:
  ModelDecider(const History& history, const std::vector<Edge>& data_edges,
               const EdgeExplainer& data, const OrderExplainer& order, const CheckOptions& options,
               CheckResult& result)
      : history_(history),
        data_edges_(data_edges),
        data_(data),
        order_(order),
        options_(options),
        result_(result) {}

  RegisterDecision search(const DecidedModel& m) {
    if (m.process && process_.empty()) process_ = process_edges(history_);
    if (m.realtime && realtime_.empty()) realtime_ = realtime_edges(history_);
    std::vector<Edge> known = data_edges_;
    if (m.process) known.insert(known.end(), process_.begin(), process_.end());
    if (m.realtime) known.insert(known.end(), realtime_.begin(), realtime_.end());

    const auto start = std::chrono::steady_clock::now();
    RegisterDecisionLimits limits;
    limits.search.max_steps = options_.max_order_search_steps;
    RegisterDecision d =
        decide_register_orders(history_, known, {.snapshot = m.snapshot}, limits, data_, order_);
    result_.order_searches.push_back(
        {std::string(m.model), outcome_name(d.outcome), d.pairs, d.stats.forced, d.stats.free,
         d.stats.searched, d.stats.backtracks,
         std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()});
    return d;
  }

  void record(const DecidedModel& m, RegisterDecision&& d, AnomalySet& found) {
    switch (d.outcome) {
      case PolygraphOutcome::kAcyclic:
        if (options_.want_version_orders) {
          result_.version_orders_model = std::string(m.model);
          result_.version_orders.clear();
          for (KeyVersionOrder& o : d.orders)
            result_.version_orders.push_back({o.key, std::move(o.versions)});
        }
        break;
      case PolygraphOutcome::kCyclic: {
        found.set(static_cast<size_t>(m.kind));
        ++result_.counts[m.kind];
        auto& list = result_.witnesses[m.kind];
        if (list.size() < options_.max_witnesses_per_kind) list.push_back(witness(m, std::move(d)));
        break;
      }
      case PolygraphOutcome::kUnknown:
        result_.unknown_reasons.push_back(fmt::format("{}: {}", m.model, d.unknown_reason));
        break;
    }
  }

 private:
  const History& history_;
  const std::vector<Edge>& data_edges_;
  const EdgeExplainer& data_;
  const OrderExplainer& order_;
  const CheckOptions& options_;
  CheckResult& result_;
  std::vector<Edge> process_, realtime_;
};

bool contains(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

void decide_version_orders(const History& history, const std::vector<Edge>& data_edges,
                           const EdgeExplainer& data, const OrderExplainer& order,
                           const CheckOptions& options, AnomalySet& found, CheckResult& result) {
  std::vector<std::string_view> names(result.models.begin(), result.models.end());
  const auto implied = implied_models(names);
  auto wanted = [&](const DecidedModel& m) {
    std::string_view one[] = {m.model};
    return contains(implied, m.model) && (forbidden_anomalies(one) & found).none();
  };
  ModelDecider decider(history, data_edges, data, order, options, result);

  // The strongest model first: it has the most known edges, so the fewest
  // free choices, and on a valid history (the common case) its order serves
  // every model it implies, which then need no search of their own (a
  // recorded serializable history: 1 s instead of 9 min spent proving
  // snapshot isolation). When it fails, the rest go weakest first, and its
  // own outcome counts only if nothing weaker already rules it out, as if
  // it had been searched last.
  const DecidedModel* strongest = nullptr;
  for (const DecidedModel& m : kDecided)
    if (wanted(m)) strongest = &m;
  if (strongest == nullptr) return;
  RegisterDecision first = decider.search(*strongest);
  std::vector<std::string_view> settled;
  if (first.outcome == PolygraphOutcome::kAcyclic) {
    std::string_view one[] = {strongest->model};
    settled = implied_models(one);
    decider.record(*strongest, std::move(first), found);
  }
  settled.push_back(strongest->model);
  for (const DecidedModel& m : kDecided) {
    if (contains(settled, m.model) || !wanted(m)) continue;
    decider.record(m, decider.search(m), found);
  }
  if (first.outcome != PolygraphOutcome::kAcyclic && wanted(*strongest))
    decider.record(*strongest, std::move(first), found);
}

}  // namespace isocheck
