#include "checker/history/statement_names.h"

namespace isocheck {

RowMopStatement row_mop_statement(const History& h, const Mop& m) {
  const RowMop& r = h.row_mop_of(m);
  switch (m.kind) {
    case MopKind::kPredicateRead: {
      const Predicate& p = r.predicate;
      std::string_view name =
          kPredicateReadStatements[static_cast<size_t>(r.aggregate)][static_cast<size_t>(p.kind)];
      switch (p.kind) {
        case PredicateKind::kAll:
          return {name, {}, {}, 0};
        case PredicateKind::kGroup:
          return {name, {}, {p.group}, 1};
        case PredicateKind::kKeyRange:
          return {name, {}, {p.key_low, p.key_high}, 2};
      }
      break;
    }
    case MopKind::kReadRow:
      return {kReadRowStatement, {}, {m.key}, 1};
    case MopKind::kDelete:
      return {kDeleteStatement, {}, {m.key}, 1};
    case MopKind::kInsert:
      return {kInsertStatement, {}, {m.key, m.value, r.group}, 3};
    case MopKind::kUpdate:
      return {kLockRowStatement, kUpdateStatement, {m.key, m.value, r.group}, 3};
    default:
      break;
  }
  return {};
}

}  // namespace isocheck
