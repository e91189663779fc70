// RwRegisterExplainer: says in one sentence why a ww / wr / rw edge emitted
// by rw-register inference holds, naming the key and the values involved.
//
// Like the list-append explainer it stores nothing per edge: it re-derives the
// reason from the two transactions' micro-ops and the version parents.
#pragma once

#include <memory>
#include <string>

#include "checker/infer/inference.h"
#include "checker/infer/rw_register_versions.h"

namespace isocheck {

class RwRegisterExplainer : public EdgeExplainer {
 public:
  explicit RwRegisterExplainer(std::shared_ptr<const RegisterVersions> versions)
      : v_(std::move(versions)) {}

  std::string explain(uint32_t from, uint32_t to, EdgeKind kind) const override;

 private:
  std::string explain_ww(uint32_t from, uint32_t to) const;
  std::string explain_wr(uint32_t from, uint32_t to) const;
  std::string explain_rw(uint32_t from, uint32_t to) const;
  // The node `to`'s external read of the key saw, or kNone.
  uint32_t external_read_node(uint32_t txn, uint32_t key_index) const;

  std::shared_ptr<const RegisterVersions> v_;
};

}  // namespace isocheck
