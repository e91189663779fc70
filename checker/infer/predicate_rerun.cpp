#include "checker/infer/predicate_rerun.h"

#include <fmt/format.h>

#include <algorithm>

#include "checker/infer/row_versions.h"
#include "checker/infer/witness_text.h"

namespace isocheck {
namespace {

std::string keys_text(std::span<const Row> rows) {
  std::vector<int64_t> keys;
  for (const Row& r : rows) keys.push_back(r.key);
  return format_list(keys);
}

int64_t sum_of_keys(std::span<const Row> rows) {
  int64_t sum = 0;
  for (const Row& r : rows) sum += r.key;
  return sum;
}

}  // namespace

std::optional<PredicateRerun::Difference> PredicateRerun::compare_rows(
    const Expectation& e, std::span<const Row> rows) const {
  if (e.rows) {
    const std::vector<Row>& before = *e.rows;
    const bool same_keys = std::equal(before.begin(), before.end(), rows.begin(), rows.end(),
                                      [](const Row& a, const Row& b) { return a.key == b.key; });
    if (!same_keys)
      return Difference{AnomalyKind::kPhantom,
                        fmt::format("{} read {} and got keys {}; run again in the same "
                                    "transaction it returned keys {}",
                                    txn_name(txn_), predicate_text(e.predicate), keys_text(before),
                                    keys_text(rows))};
    if (std::equal(before.begin(), before.end(), rows.begin(), rows.end())) return std::nullopt;
    return Difference{AnomalyKind::kInternal,
                      fmt::format("{} read {} twice: the same keys {}, but other values",
                                  txn_name(txn_), predicate_text(e.predicate), keys_text(rows))};
  }
  if (e.count && *e.count != static_cast<int64_t>(rows.size()))
    return compare_aggregate(e, Aggregate::kCount, static_cast<int64_t>(rows.size()));
  if (e.sum_keys && *e.sum_keys != sum_of_keys(rows))
    return compare_aggregate(e, Aggregate::kSumKeys, sum_of_keys(rows));
  return std::nullopt;
}

std::optional<PredicateRerun::Difference> PredicateRerun::compare_aggregate(const Expectation& e,
                                                                            Aggregate a,
                                                                            int64_t got) const {
  const std::optional<int64_t>& want = a == Aggregate::kCount ? e.count : e.sum_keys;
  if (!want || *want == got) return std::nullopt;
  std::string before = e.rows ? fmt::format("read {} and got keys {}", predicate_text(e.predicate),
                                            keys_text(*e.rows))
                              : fmt::format("found {} = {}", aggregate_text(a, e.predicate), *want);
  return Difference{
      AnomalyKind::kPhantom,
      fmt::format("{} {}; in the same transaction {} = {}, so the set of rows changed",
                  txn_name(txn_), before, aggregate_text(a, e.predicate), got)};
}

std::optional<PredicateRerun::Difference> PredicateRerun::read(const Mop& m) {
  const RowMop& r = h_.row_mop_of(m);
  auto it = std::find_if(seen_.begin(), seen_.end(),
                         [&](const Expectation& e) { return e.predicate == r.predicate; });
  if (it == seen_.end()) it = seen_.insert(seen_.end(), Expectation{r.predicate, {}, {}, {}});
  Expectation& e = *it;
  std::optional<Difference> d;
  if (r.aggregate == Aggregate::kRows) {
    auto rows = h_.rows_of(m);
    d = compare_rows(e, rows);
    e.rows.emplace(rows.begin(), rows.end());
    e.count = static_cast<int64_t>(rows.size());
    e.sum_keys = sum_of_keys(rows);
    return d;
  }
  // Rows read earlier give both aggregates exactly.
  d = compare_aggregate(e, r.aggregate, m.value);
  if (d) {
    // Which rows the transaction sees now is unknown; only this aggregate.
    e.rows.reset();
    e.count.reset();
    e.sum_keys.reset();
  }
  (r.aggregate == Aggregate::kCount ? e.count : e.sum_keys) = m.value;
  return d;
}

void PredicateRerun::own_write(const Mop& m) {
  if (m.kind != MopKind::kInsert && m.has_result && !returned_row(h_, m)) return;
  const Row* old = m.kind == MopKind::kInsert ? nullptr : returned_row(h_, m);
  const Row written{m.key, m.value, h_.row_mop_of(m).group};
  const bool writes_row = m.kind != MopKind::kDelete;
  std::erase_if(seen_, [&](Expectation& e) {
    const bool touches = (old && e.predicate.matches(*old)) ||
                         (writes_row && e.predicate.matches(written)) ||
                         (m.kind != MopKind::kInsert && !old);
    if (!e.rows) return touches;
    std::vector<Row>& rows = *e.rows;
    std::erase_if(rows, [&](const Row& r) { return r.key == m.key; });
    if (writes_row && e.predicate.matches(written))
      rows.insert(std::lower_bound(rows.begin(), rows.end(), written,
                                   [](const Row& a, const Row& b) { return a.key < b.key; }),
                  written);
    e.count = static_cast<int64_t>(rows.size());
    e.sum_keys = sum_of_keys(rows);
    return false;
  });
}

}  // namespace isocheck
