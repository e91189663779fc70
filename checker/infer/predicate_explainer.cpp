#include "checker/infer/predicate_explainer.h"

#include <fmt/format.h>

#include "checker/infer/witness_text.h"

namespace isocheck {

std::string PredicateExplainer::how_written(uint32_t node) const {
  const RowWrite& w = v_->write(node);
  switch (w.kind) {
    case MopKind::kInsert:
      return fmt::format("inserted key {} as v={} group {}", w.row.key, w.row.value, w.row.group);
    case MopKind::kUpdate:
      return fmt::format("updated key {} to v={} group {}", w.row.key, w.row.value, w.row.group);
    default:
      break;
  }
  return fmt::format("deleted key {}", w.row.key);
}

std::string PredicateExplainer::how_read(const EdgeReason& why, uint32_t reader) const {
  const History& h = v_->history();
  const Mop& m = h.mops[why.read_mop];
  const int64_t key = why.written != RowVersions::kNone && !v_->is_absent_node(why.written)
                          ? v_->write(why.written).row.key
                          : m.key;
  if (m.kind == MopKind::kPredicateRead && h.row_mop_of(m).aggregate != Aggregate::kRows) {
    const RowMop& r = h.row_mop_of(m);
    return fmt::format("{}'s {} returned {}, counting no row but its own, so not key {}",
                       txn_name(reader), aggregate_text(r.aggregate, r.predicate), m.value, key);
  }
  if (m.kind == MopKind::kPredicateRead) {
    const std::string pred = predicate_text(h.row_mop_of(m).predicate);
    const bool returned =
        why.seen != RowVersions::kNone && v_->matches(why.seen, h.row_mop_of(m).predicate);
    if (returned)
      return fmt::format("{}'s predicate read ({}) returned key {} as {}", txn_name(reader), pred,
                         v_->write(why.seen).row.key, v_->node_text(why.seen));
    return fmt::format("{}'s predicate read ({}) did not return key {}", txn_name(reader), pred,
                       key);
  }
  const char* verb = m.kind == MopKind::kReadRow  ? "read"
                     : m.kind == MopKind::kUpdate ? "updated"
                                                  : "deleted";
  return fmt::format("{} {} key {}, finding it {}", txn_name(reader), verb, m.key,
                     why.seen == RowVersions::kNone ? "absent" : v_->node_text(why.seen));
}

std::string PredicateExplainer::explain(uint32_t from, uint32_t to, EdgeKind kind) const {
  const auto& map = reasons_[static_cast<size_t>(kind)];
  auto it = map.find(pair(from, to));
  if (it == map.end())
    return fmt::format("{} -> {} ({}): predicate inference emitted no such edge", txn_name(from),
                       txn_name(to), edge_kind_name(kind));
  const EdgeReason& why = it->second;
  switch (kind) {
    case EdgeKind::kWw:
      return fmt::format("{} {}, replacing {} that {} installed, so {} < {} (ww)", txn_name(to),
                         how_written(why.written), v_->node_text(why.seen), txn_name(from),
                         txn_name(from), txn_name(to));
    case EdgeKind::kWr:
      return fmt::format("{}, written by {} (wr)", how_read(why, to), txn_name(from));
    case EdgeKind::kRw:
      return fmt::format("{}, and {} {} over that version (rw)", how_read(why, from), txn_name(to),
                         how_written(why.written));
    case EdgeKind::kPredicateRw: {
      const Predicate& p = v_->history().row_mop_of(v_->history().mops[why.read_mop]).predicate;
      return fmt::format("{}, and {} then {}, so that it {} (rw-predicate)", how_read(why, from),
                         txn_name(to), how_written(why.written),
                         v_->matches(why.written, p) ? "matches" : "no longer matches");
    }
    case EdgeKind::kProcess:
    case EdgeKind::kRealtime:
      break;
  }
  return {};
}

}  // namespace isocheck
