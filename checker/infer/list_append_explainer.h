// ListAppendExplainer: says in one sentence why a ww / wr / rw edge emitted by
// list-append inference holds, naming the key and the values involved.
//
// It keeps no text per edge: it re-derives the reason from the version
// orders and the two transactions' micro-ops, which costs a scan of those
// micro-ops per question — fine for the handful of edges a witness shows.
#pragma once

#include <memory>
#include <string>

#include "checker/infer/inference.h"
#include "checker/infer/list_append_versions.h"

namespace isocheck {

class ListAppendExplainer : public EdgeExplainer {
 public:
  explicit ListAppendExplainer(std::shared_ptr<const ListAppendVersions> versions)
      : v_(std::move(versions)) {}

  std::string explain(uint32_t from, uint32_t to, EdgeKind kind) const override;

 private:
  std::string explain_ww(uint32_t from, uint32_t to) const;
  std::string explain_wr(uint32_t from, uint32_t to) const;
  std::string explain_rw(uint32_t from, uint32_t to) const;

  std::shared_ptr<const ListAppendVersions> v_;
};

}  // namespace isocheck
