// PredicateExplainer: says in one sentence why an edge emitted by predicate
// inference holds, naming the row, the versions and, for a predicate read,
// the predicate.
//
// Unlike the item workloads' explainers it keeps one small reason per
// (edge, kind) as inference emits it: which micro-op read, which version it
// saw and which version the other transaction installed. Re-deriving a
// predicate edge would mean re-running the whole predicate analysis.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <unordered_map>

#include "checker/infer/inference.h"
#include "checker/infer/row_versions.h"

namespace isocheck {

struct EdgeReason {
  static constexpr uint64_t kNoMop = UINT64_MAX;
  uint64_t read_mop = kNoMop;             // the reading micro-op; kNoMop for ww
  uint32_t seen = RowVersions::kNone;     // the version read (or replaced, for ww)
  uint32_t written = RowVersions::kNone;  // the version the other transaction installed
};

class PredicateExplainer : public EdgeExplainer {
 public:
  explicit PredicateExplainer(std::shared_ptr<const RowVersions> versions)
      : v_(std::move(versions)) {}

  // Keeps the first reason given for an edge.
  void add(uint32_t from, uint32_t to, EdgeKind kind, const EdgeReason& why) {
    reasons_[static_cast<size_t>(kind)].try_emplace(pair(from, to), why);
  }

  std::string explain(uint32_t from, uint32_t to, EdgeKind kind) const override;

 private:
  static uint64_t pair(uint32_t from, uint32_t to) { return uint64_t{from} << 32 | to; }
  std::string how_written(uint32_t node) const;
  std::string how_read(const EdgeReason& why, uint32_t reader) const;

  std::shared_ptr<const RowVersions> v_;
  std::array<std::unordered_map<uint64_t, EdgeReason>, kEdgeKindCount> reasons_;
};

}  // namespace isocheck
