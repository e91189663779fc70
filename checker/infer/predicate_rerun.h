// PredicateRerun: what one transaction has seen through each predicate it
// read — the rows, or only a count or a sum of keys — kept up to date with
// the transaction's own writes since, so that a re-run of the predicate (as
// rows or as an aggregate) can be compared with what the transaction should
// see again.
//
// A re-run that returns another set of rows than expected is a `phantom`;
// the same keys with other values is `internal` (a non-repeatable read). An
// aggregate names no rows, so a difference in it counts only when it proves
// another set of rows: a count differs, or a sum of keys differs (a key names
// a row; two sets of keys can share a sum, so an equal sum proves nothing).
// Rows read earlier give the exact count and sum a later aggregate must
// return. Own writes: with the rows known they are applied to them (the row
// written replaces the key's row, a delete removes it); with only an
// aggregate known, a write of a row that matches the predicate before or
// after it drops the knowledge — whether the earlier aggregate counted that
// row is unknown, so any adjustment could invent a difference — and other
// writes leave the predicate's aggregates as they are.
//
// Contract: one object per transaction scan; mops are fed in the
// transaction's order; the History must outlive the object.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checker/anomaly/anomaly_kind.h"
#include "checker/history/history.h"

namespace isocheck {

class PredicateRerun {
 public:
  struct Difference {
    AnomalyKind kind;     // kPhantom or kInternal
    std::string summary;  // in words, naming the transaction and the predicate
  };

  PredicateRerun(const History& h, uint32_t txn) : h_(h), txn_(txn) {}

  // A kPredicateRead with its result: compares it with the expectation for
  // its predicate, then makes it the expectation.
  std::optional<Difference> read(const Mop& m);
  // An insert, or an update or delete that found its row.
  void own_write(const Mop& m);

 private:
  struct Expectation {
    Predicate predicate;
    std::optional<std::vector<Row>> rows;  // in key order
    std::optional<int64_t> count, sum_keys;
  };

  std::optional<Difference> compare_rows(const Expectation& e, std::span<const Row> rows) const;
  std::optional<Difference> compare_aggregate(const Expectation& e, Aggregate a, int64_t got) const;

  const History& h_;
  uint32_t txn_;
  std::vector<Expectation> seen_;
};

}  // namespace isocheck
