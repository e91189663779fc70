// ListAppendExplainer: says in one sentence why a ww / wr / rw edge emitted by
// list-append inference holds, naming the key and the values involved.
//
// It keeps no text per edge: it re-derives the reason from the version
// orders and the two transactions' micro-ops, which costs a scan of those
// micro-ops per question — fine for the handful of edges a witness shows.
#pragma once

#include <memory>
#include <string>

#include "checker/infer/data_edge_explainer.h"
#include "checker/infer/list_append_versions.h"

namespace isocheck {

class ListAppendExplainer : public DataEdgeExplainer {
 public:
  explicit ListAppendExplainer(std::shared_ptr<const ListAppendVersions> versions)
      : DataEdgeExplainer("list-append"), v_(std::move(versions)) {}

 private:
  std::string explain_ww(uint32_t from, uint32_t to) const override;
  std::string explain_wr(uint32_t from, uint32_t to) const override;
  std::string explain_rw(uint32_t from, uint32_t to) const override;
  // A value `writer` appended to key index k that no read shows, or "".
  std::string unobserved_value(uint32_t k, uint32_t writer) const;

  std::shared_ptr<const ListAppendVersions> v_;
};

}  // namespace isocheck
