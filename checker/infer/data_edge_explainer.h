// DataEdgeExplainer: the part every workload's EdgeExplainer shares — pick
// the reason by edge kind, and say plainly when asked about an edge the
// workload's inference never emitted instead of inventing one. Workloads
// implement one sentence per kind.
#pragma once

#include <string>
#include <string_view>

#include "checker/infer/inference.h"

namespace isocheck {

class DataEdgeExplainer : public EdgeExplainer {
 public:
  explicit DataEdgeExplainer(std::string_view workload) : workload_(workload) {}
  std::string explain(uint32_t from, uint32_t to, EdgeKind kind) const final;

 protected:
  // Each returns "" when the edge does not hold.
  virtual std::string explain_ww(uint32_t from, uint32_t to) const = 0;
  virtual std::string explain_wr(uint32_t from, uint32_t to) const = 0;
  virtual std::string explain_rw(uint32_t from, uint32_t to) const = 0;

 private:
  std::string_view workload_;
};

}  // namespace isocheck
