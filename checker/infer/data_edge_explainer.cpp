#include "checker/infer/data_edge_explainer.h"

#include <fmt/format.h>

#include "checker/infer/witness_text.h"

namespace isocheck {

std::string DataEdgeExplainer::explain(uint32_t from, uint32_t to, EdgeKind kind) const {
  std::string why;
  switch (kind) {
    case EdgeKind::kWw:
      why = explain_ww(from, to);
      break;
    case EdgeKind::kWr:
      why = explain_wr(from, to);
      break;
    case EdgeKind::kRw:
      why = explain_rw(from, to);
      break;
    case EdgeKind::kProcess:
    case EdgeKind::kRealtime:
    case EdgeKind::kPredicateRw:  // item workloads have no predicates
      break;
  }
  if (!why.empty()) return why;
  return fmt::format("{} -> {} ({}): {} inference emitted no such edge", txn_name(from),
                     txn_name(to), edge_kind_name(kind), workload_);
}

}  // namespace isocheck
