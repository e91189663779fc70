// OrderExplainer: says in words why a process or real-time edge holds, with
// the times that prove it, for witness cycles that need such an edge.
#pragma once

#include <cstdint>
#include <string>

#include "checker/graph/edge.h"
#include "checker/history/history.h"

namespace isocheck {

class OrderExplainer {
 public:
  explicit OrderExplainer(const History& history) : history_(history) {}
  // `kind` is kProcess or kRealtime.
  std::string explain(uint32_t from, uint32_t to, EdgeKind kind) const;

 private:
  const History& history_;
};

}  // namespace isocheck
