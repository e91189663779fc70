#include "checker/check/check_history.h"

#include <fmt/format.h>

#include <chrono>
#include <future>
#include <stdexcept>

#include "checker/check/effective_isolation.h"
#include "checker/check/order_explainer.h"
#include "checker/check/version_order_decision.h"
#include "checker/cycles/cycle_search.h"
#include "checker/cycles/cycle_spec.h"
#include "checker/graph/dependency_graph.h"
#include "checker/graph/process_order.h"
#include "checker/graph/realtime_order.h"
#include "checker/infer/bank_check.h"
#include "checker/infer/list_append_inference.h"
#include "checker/infer/predicate_inference.h"
#include "checker/infer/rw_register_inference.h"
#include "checker/model/consistency_model.h"

namespace isocheck {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// An explainer that never runs: bank histories have no dependency edges.
class NoEdges : public EdgeExplainer {
 public:
  std::string explain(uint32_t, uint32_t, EdgeKind) const override { return {}; }
};

Inference infer(const History& history, Workload workload) {
  switch (workload) {
    case Workload::kListAppend:
      return infer_list_append(history);
    case Workload::kRwRegister:
      return infer_rw_register(history);
    case Workload::kPredicate:
      return infer_predicate(history);
    case Workload::kBank: {
      Inference out;
      out.anomalies = check_bank(history);
      out.explainer = std::make_unique<NoEdges>();
      return out;
    }
    case Workload::kUnknown:
      break;
  }
  throw std::invalid_argument(
      "cannot tell the workload from the history's micro-ops; pass --workload");
}

void add_witness(CheckResult& result, Anomaly&& a, size_t cap) {
  auto& list = result.witnesses[a.kind];
  if (list.size() < cap) list.push_back(std::move(a));
}

void describe_cycle(Anomaly& a, const EdgeExplainer& data, const OrderExplainer& order) {
  a.steps.clear();
  std::string path;
  for (const CycleStep& s : a.cycle) {
    bool by_order = s.kind == EdgeKind::kProcess || s.kind == EdgeKind::kRealtime;
    a.steps.push_back(by_order ? order.explain(s.from, s.to, s.kind)
                               : data.explain(s.from, s.to, s.kind));
    path += fmt::format("T{} -{}-> ", s.from, edge_kind_name(s.kind));
  }
  if (!a.cycle.empty()) path += fmt::format("T{}", a.cycle.front().from);
  a.summary = fmt::format("{}: {}", anomaly_name(a.kind), path);
}

}  // namespace

CheckResult check_history(const History& history, const CheckOptions& options) {
  if (options.models.empty()) throw std::invalid_argument("no consistency model to check");
  CheckResult result;
  std::vector<std::string_view> models;
  for (const std::string& name : options.models) {
    const ConsistencyModel* m = find_model(name);
    if (m == nullptr)
      throw std::invalid_argument(fmt::format("unknown consistency model '{}'", name));
    models.push_back(m->name);
    result.models.emplace_back(m->name);
  }
  const AnomalySet forbidden = forbidden_anomalies(models);

  result.workload =
      options.workload != Workload::kUnknown ? options.workload : detect_workload(history);
  CheckStats& stats = result.stats;
  stats.transactions = history.txns.size();
  for (const Txn& t : history.txns) {
    stats.ok += t.status == TxnStatus::kOk;
    stats.failed += t.status == TxnStatus::kFail;
    stats.indeterminate += t.status == TxnStatus::kInfo;
  }

  // Process and real-time edges only when a forbidden cycle kind may use
  // them: checking serializable needs neither.
  AnomalySet wanted_cycles;
  EdgeMask edge_kinds = 0;
  for (const CycleSpec& spec : cycle_specs()) {
    if (!forbidden.test(static_cast<size_t>(spec.kind))) continue;
    wanted_cycles.set(static_cast<size_t>(spec.kind));
    edge_kinds |= spec.allowed();
  }
  // Order edges depend on times alone, so they are computed on the second
  // core while the workload's inference runs on this one.
  std::future<std::vector<std::vector<Edge>>> order_edges =
      std::async(std::launch::async, [&history, edge_kinds] {
        std::vector<std::vector<Edge>> parts;
        if (has_kind(edge_kinds, EdgeKind::kProcess)) parts.push_back(process_edges(history));
        if (has_kind(edge_kinds, EdgeKind::kRealtime)) parts.push_back(realtime_edges(history));
        return parts;
      });

  auto start = Clock::now();
  Inference inference = infer(history, result.workload);
  stats.infer_seconds = seconds_since(start);
  result.warnings = std::move(inference.warnings);
  if (auto problem = effective_isolation_problem(history)) result.warnings.push_back(*problem);

  AnomalySet found;
  for (Anomaly& a : inference.anomalies) {
    found.set(static_cast<size_t>(a.kind));
    ++result.counts[a.kind];
    add_witness(result, std::move(a), options.max_witnesses_per_kind);
  }

  OrderExplainer order(history);
  std::vector<std::vector<Edge>> order_parts = order_edges.get();
  // The version-order decision starts again from the data edges alone.
  const bool decide_orders =
      result.workload == Workload::kRwRegister && needs_version_order_decision(result.models);
  std::vector<Edge> data_edges;
  if (decide_orders) data_edges = inference.edges;
  if (wanted_cycles.any() && !inference.edges.empty()) {
    start = Clock::now();
    std::vector<std::vector<Edge>> parts;
    parts.push_back(std::move(inference.edges));
    for (std::vector<Edge>& part : order_parts) parts.push_back(std::move(part));
    std::vector<std::vector<Edge>>().swap(order_parts);
    DependencyGraph graph(static_cast<uint32_t>(history.txns.size()), std::move(parts));
    stats.edges = graph.edge_count();
    stats.graph_seconds = seconds_since(start);

    start = Clock::now();
    CycleSearchResult cycles = find_cycles(
        graph, wanted_cycles, CycleSearchLimits{options.max_search_steps_per_component});
    stats.cycle_seconds = seconds_since(start);
    stats.components = cycles.components;
    stats.largest_component = cycles.largest_component;
    for (Anomaly& a : cycles.anomalies) {
      found.set(static_cast<size_t>(a.kind));
      ++result.counts[a.kind];
      describe_cycle(a, *inference.explainer, order);
      add_witness(result, std::move(a), options.max_witnesses_per_kind);
    }
    for (const auto& gap : cycles.incomplete)
      result.unknown_reasons.push_back(fmt::format("{}: {}", anomaly_name(gap.kind), gap.reason));
  }

  if (decide_orders) {
    start = Clock::now();
    decide_version_orders(history, data_edges, *inference.explainer, order, options, found, result);
    stats.order_seconds = seconds_since(start);
  }

  ModelBoundary boundary = models_violated_by(found);
  result.violated.assign(boundary.violated.begin(), boundary.violated.end());
  result.also_violated.assign(boundary.also_violated.begin(), boundary.also_violated.end());
  if ((found & forbidden).any())
    result.valid = Validity::kInvalid;
  else if (!result.unknown_reasons.empty())
    result.valid = Validity::kUnknown;
  return result;
}

}  // namespace isocheck
