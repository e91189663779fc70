#include "checker/infer/predicate_inference.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "checker/infer/predicate_explainer.h"
#include "checker/infer/predicate_rerun.h"
#include "checker/infer/row_versions.h"
#include "checker/infer/witness_text.h"

namespace isocheck {
namespace {

constexpr uint32_t kNone = RowVersions::kNone;

std::string rows_text(std::span<const Row> rows) {
  std::vector<int64_t> keys;
  for (const Row& r : rows) keys.push_back(r.key);
  return format_list(keys);
}

class PredicateInference {
 public:
  explicit PredicateInference(const History& h)
      : h_(h),
        v_(std::make_shared<RowVersions>(h)),
        explainer_(std::make_unique<PredicateExplainer>(v_)) {}

  Inference run() {
    index_groups();
    emit_write_edges();
    for (uint32_t t = 0; t < h_.txns.size(); ++t)
      if (h_.txns[t].status == TxnStatus::kOk) scan_txn(t);
    check_lost_updates();
    out_.explainer = std::move(explainer_);
    return std::move(out_);
  }

 private:
  void emit(uint32_t from, uint32_t to, EdgeKind kind, const EdgeReason& why) {
    if (from == to || !v_->may_have_committed(from) || !v_->may_have_committed(to)) return;
    out_.edges.push_back({from, to, kind});
    explainer_->add(from, to, kind, why);
  }

  void report(AnomalyKind kind, std::vector<uint32_t> txns, std::optional<int64_t> key,
              std::string summary) {
    out_.anomalies.push_back(key_anomaly(kind, std::move(txns), key, std::move(summary)));
  }

  // Keys that were ever in each group, so a group predicate looks only at
  // rows it could have matched.
  void index_groups() {
    writes_of_key_.resize(v_->key_count());
    for (uint32_t w = 0; w < v_->writes().size(); ++w)
      writes_of_key_[v_->write(w).key_index].push_back(w);
    for (const RowWrite& w : v_->writes())
      if (w.kind != MopKind::kDelete) keys_of_group_[w.row.group].push_back(w.key_index);
    for (auto& [group, keys] : keys_of_group_) {
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    }
  }

  void emit_write_edges() {
    for (uint32_t w = 0; w < v_->writes().size(); ++w) {
      const uint32_t p = v_->parent(w);
      if (p == kNone || v_->is_absent_node(p)) continue;
      emit(v_->write(p).txn, v_->write(w).txn, EdgeKind::kWw, {EdgeReason::kNoMop, p, w});
    }
  }

  // The version a returned row names, after checking that it could be
  // seen; kNone when it names none (reported).
  uint32_t seen_version(uint32_t t, const Row& row) {
    const uint32_t k = v_->key_index(row.key);
    const uint32_t w = k == kNone ? kNone : v_->find_write(k, row.value);
    if (w == kNone) {
      report(
          AnomalyKind::kGarbageRead, {t}, row.key,
          fmt::format("{} read key {} = {}, which nobody wrote", txn_name(t), row.key, row.value));
      return kNone;
    }
    const RowWrite& rec = v_->write(w);
    if (rec.txn == t) return w;
    if (!v_->may_have_committed(rec.txn)) {
      report(AnomalyKind::kG1a, {t, rec.txn}, row.key,
             fmt::format("{} read key {} = {}, written by {}, which failed", txn_name(t), row.key,
                         row.value, txn_name(rec.txn)));
      return kNone;
    }
    if (!rec.final_in_txn) {
      report(AnomalyKind::kG1b, {t, rec.txn}, row.key,
             fmt::format("{} read key {} = {}, which {} overwrote later in the same transaction",
                         txn_name(t), row.key, row.value, txn_name(rec.txn)));
      return kNone;
    }
    if (rec.row.group != row.group) {
      report(
          AnomalyKind::kGarbageRead, {t, rec.txn}, row.key,
          fmt::format("{} read key {} = {} in group {}, but {} wrote it in group {}", txn_name(t),
                      row.key, row.value, row.group, txn_name(rec.txn), rec.row.group));
      return kNone;
    }
    return w;
  }

  void scan_txn(uint32_t t) {
    const Txn& txn = h_.txns[t];
    PredicateRerun rerun(h_, t);
    bool phantom_reported = false, internal_reported = false;
    for (uint32_t i = 0; i < txn.mop_count; ++i) {
      const uint64_t m = txn.mop_begin + i;
      const Mop& mop = h_.mops[m];
      switch (mop.kind) {
        case MopKind::kPredicateRead: {
          if (!mop.has_result) break;
          const RowMop& r = h_.row_mop_of(mop);
          if (r.aggregate == Aggregate::kRows) {
            auto rows = h_.rows_of(mop);
            predicate_read(t, m, r.predicate, rows);
            check_on_call(t, r.predicate, static_cast<int64_t>(rows.size()), rows_text(rows));
            if (txn.final_read) final_read(t, rows);
          } else {
            aggregate_read(t, m);
            if (r.aggregate == Aggregate::kCount) check_on_call(t, r.predicate, mop.value, "");
          }
          auto d = rerun.read(mop);
          bool& reported =
              d && d->kind == AnomalyKind::kPhantom ? phantom_reported : internal_reported;
          if (!d || reported) break;
          reported = true;
          report(d->kind, {t}, std::nullopt, std::move(d->summary));
          break;
        }
        case MopKind::kReadRow:
        case MopKind::kUpdate:
        case MopKind::kDelete:
          if (mop.has_result) item_read(t, m);
          if (mop.kind != MopKind::kReadRow) rerun.own_write(mop);
          break;
        case MopKind::kInsert:
          rerun.own_write(mop);
          break;
        default:
          break;
      }
    }
  }

  // A point read, or the row an update or delete found.
  void item_read(uint32_t t, uint64_t m) {
    const Mop& mop = h_.mops[m];
    const Row* row = returned_row(h_, mop);
    const uint32_t k = v_->key_index(mop.key);
    uint32_t node = kNone;
    if (row) {
      node = seen_version(t, *row);
    } else if (k != kNone) {
      // No row: its absence, unless a delete could have made it absent.
      auto chain = v_->chain(k);
      bool tombstones =
          std::any_of(chain.begin(), chain.end(), [&](uint32_t n) { return v_->is_tombstone(n); });
      if (!chain.empty() && !tombstones) node = v_->absent_node(k);
    }
    if (node == kNone) return;
    if (!v_->is_absent_node(node)) emit(v_->write(node).txn, t, EdgeKind::kWr, {m, node, node});
    for (uint32_t c : v_->children(node)) emit(t, v_->write(c).txn, EdgeKind::kRw, {m, node, c});
  }

  // Keys a predicate could ever match.
  template <typename Visit>
  void for_each_candidate_key(const Predicate& p, Visit&& visit) const {
    const auto& sorted = v_->keys_in_order();
    switch (p.kind) {
      case PredicateKind::kAll:
        for (uint32_t k : sorted) visit(k);
        return;
      case PredicateKind::kGroup:
        if (auto it = keys_of_group_.find(p.group); it != keys_of_group_.end())
          for (uint32_t k : it->second) visit(k);
        return;
      case PredicateKind::kKeyRange: {
        auto first = std::lower_bound(sorted.begin(), sorted.end(), p.key_low,
                                      [&](uint32_t k, int64_t key) { return v_->key(k) < key; });
        for (auto it = first; it != sorted.end() && v_->key(*it) <= p.key_high; ++it) visit(*it);
        return;
      }
    }
  }

  void predicate_read(uint32_t t, uint64_t m, const Predicate& p, std::span<const Row> rows) {
    for (const Row& row : rows) {
      const uint32_t node = seen_version(t, row);
      if (node == kNone) continue;
      emit(v_->write(node).txn, t, EdgeKind::kWr, {m, node, node});
      flips_after(t, m, p, node, true);
    }
    for_each_candidate_key(p, [&](uint32_t k) {
      const int64_t key = v_->key(k);
      auto returned = std::lower_bound(rows.begin(), rows.end(), key,
                                       [](const Row& r, int64_t x) { return r.key < x; });
      if (returned != rows.end() && returned->key == key) return;
      unreturned_row(t, m, p, k);
    });
  }

  // rw-predicate edges from a read that saw `node` (matching as `matched`)
  // to the first later versions, on every branch, whose match differs.
  void flips_after(uint32_t t, uint64_t m, const Predicate& p, uint32_t node, bool matched) {
    std::vector<uint32_t> todo(v_->children(node).begin(), v_->children(node).end());
    while (!todo.empty()) {
      const uint32_t c = todo.back();
      todo.pop_back();
      if (v_->matches(c, p) != matched) {
        emit(t, v_->write(c).txn, EdgeKind::kPredicateRw, {m, matched ? node : kNone, c});
        continue;
      }
      auto more = v_->children(c);
      todo.insert(todo.end(), more.begin(), more.end());
    }
  }

  // A row the read did not return: it saw a version that does not match.
  // Only versions whose writer was invoked before the reader completed can
  // have been seen (a later version replaced an earlier one, so its writer
  // saw that one: the line is cut at the first writer invoked too late).
  // Within that line the row's absence comes first and never matches, so
  // the read saw the row before the write that made it match — certain
  // only while the row, once it matched, never stopped matching there. A
  // row that left the predicate (moved out, deleted) before the reader
  // completed could have been seen before it came or after it left: no
  // edge. One that left only later gives its edge. Cutting the line also
  // keeps this linear: every later insert into a group would otherwise
  // anti-depend on every earlier read of it. A cycle through such an edge
  // would need a transaction to miss a write that committed before it
  // began (a stale snapshot), which this gives up finding through
  // predicates.
  void unreturned_row(uint32_t t, uint64_t m, const Predicate& p, uint32_t k) {
    auto chain = v_->chain(k);
    const Txn& reader = h_.txns[t];
    size_t end = chain.empty() ? 0 : 1;
    while (end < chain.size() &&
           (!reader.completed() || v_->write(chain[end]).txn == t ||
            h_.txns[v_->write(chain[end]).txn].invoke_index < reader.complete_index))
      ++end;
    size_t entry = 0;
    while (entry < end && !v_->matches(chain[entry], p)) ++entry;
    if (entry == end) return;
    for (size_t i = entry; i < end; ++i)
      if (!v_->matches(chain[i], p)) return;
    // The transaction's own writes decide what it sees of the row.
    for (size_t i = 1; i < entry; ++i)
      if (v_->write(chain[i]).txn == t) return;
    emit(t, v_->write(chain[entry]).txn, EdgeKind::kPredicateRw, {m, kNone, chain[entry]});
  }

  // A count over a predicate names no rows, but bounds them. Rows the
  // transaction wrote before it are counted exactly as it left them
  // (`own`); any other row counts at most once, and only if a version of it
  // that matches may have committed and was written by a transaction
  // invoked before the reader completed. Fewer than `own` contradicts the
  // transaction's own writes (internal); more than the bound is a count no
  // set of row versions could give (garbage-read). A count of exactly `own`
  // says every other row was seen not matching — as a read that returned
  // none of them — which gives the same rw-predicate edges. Any other count
  // could be made of several sets of versions and gives nothing; a sum of
  // keys is only compared with re-runs (predicate_rerun.h).
  void aggregate_read(uint32_t t, uint64_t m) {
    const Mop& mop = h_.mops[m];
    const RowMop& r = h_.row_mop_of(mop);
    if (r.aggregate != Aggregate::kCount) return;
    const Predicate& p = r.predicate;
    const Txn& txn = h_.txns[t];
    std::map<int64_t, bool> own;  // key -> matches as the transaction left it
    for (uint64_t i = txn.mop_begin; i < m; ++i) {
      const Mop& w = h_.mops[i];
      if (w.kind == MopKind::kInsert || (w.kind == MopKind::kUpdate && returned_row(h_, w)))
        own[w.key] = p.matches({w.key, w.value, h_.row_mop_of(w).group});
      if (w.kind == MopKind::kDelete && returned_row(h_, w)) own[w.key] = false;
    }
    int64_t own_rows = 0, others = 0;
    for (const auto& [key, matches] : own) own_rows += matches;
    for_each_candidate_key(p, [&](uint32_t k) {
      if (own.contains(v_->key(k))) return;
      others += std::any_of(writes_of_key_[k].begin(), writes_of_key_[k].end(), [&](uint32_t w) {
        const uint32_t writer = v_->write(w).txn;
        return writer != t && v_->may_have_committed(writer) && v_->matches(w, p) &&
               (!txn.completed() || h_.txns[writer].invoke_index < txn.complete_index);
      });
    });
    const std::string what =
        fmt::format("{} found {} = {}", txn_name(t), aggregate_text(r.aggregate, p), mop.value);
    if (mop.value < own_rows) {
      report(AnomalyKind::kInternal, {t}, std::nullopt,
             fmt::format("{}, but its own writes before left {} rows matching", what, own_rows));
    } else if (mop.value > own_rows + others) {
      report(AnomalyKind::kGarbageRead, {t}, std::nullopt,
             fmt::format("{}, but at most {} rows could match: {} of its own and {} that others "
                         "may have written before it completed",
                         what, own_rows + others, own_rows, others));
    } else if (mop.value == own_rows) {
      for_each_candidate_key(p, [&](uint32_t k) {
        if (!own.contains(v_->key(k))) unreturned_row(t, m, p, k);
      });
    }
  }

  // `keys`: the rows' keys in words, empty for a count.
  void check_on_call(uint32_t t, const Predicate& p, int64_t rows, const std::string& keys) {
    if (p.max_rows <= 0 || p.kind != PredicateKind::kGroup) return;
    on_call_limit_[p.group] = p.max_rows;
    if (rows <= p.max_rows) return;
    report(AnomalyKind::kOnCallOverbooked, {t}, std::nullopt,
           fmt::format("{} {} group {} and found {} rows{}, but rows enter it only when fewer "
                       "than {} are there",
                       txn_name(t), keys.empty() ? "counted" : "read", p.group, rows,
                       keys.empty() ? "" : " " + keys, p.max_rows));
  }

  // The reads after the run: every committed version must be there or
  // replaced by another that may have committed, and on-call groups within
  // their limit. On-call limits come from the run's reads, so the final
  // read is judged after them (it is the last transaction of the history).
  void final_read(uint32_t t, std::span<const Row> rows) {
    std::map<int64_t, std::vector<Row>> by_group;
    for (const Row& r : rows) by_group[r.group].push_back(r);
    for (const auto& [group, limit] : on_call_limit_) {
      auto it = by_group.find(group);
      if (it == by_group.end() || static_cast<int64_t>(it->second.size()) <= limit) continue;
      report(AnomalyKind::kOnCallOverbooked, {t}, std::nullopt,
             fmt::format("the final read {} found {} rows {} in on-call group {}, which admits a "
                         "row only when fewer than {} are there",
                         txn_name(t), it->second.size(), rows_text(it->second), group, limit));
    }
    for (uint32_t k = 0; k < v_->key_count(); ++k) {
      auto chain = v_->chain(k);
      if (chain.size() < 2) continue;
      const int64_t key = v_->key(k);
      auto r = std::lower_bound(rows.begin(), rows.end(), key,
                                [](const Row& row, int64_t x) { return row.key < x; });
      const bool present = r != rows.end() && r->key == key;
      const uint32_t seen = present ? v_->find_write(k, r->value) : kNone;
      const uint32_t last = chain.back();
      const RowWrite& lw = v_->write(last);
      if (h_.txns[lw.txn].status != TxnStatus::kOk) continue;
      const bool ok = present ? seen == last : v_->is_tombstone(last);
      if (ok || (present && seen == kNone)) continue;
      report(AnomalyKind::kLostWrite, {lw.txn, t}, key,
             fmt::format("{} {} key {} and committed, but the final read {} found it {}",
                         txn_name(lw.txn),
                         lw.kind == MopKind::kDelete
                             ? std::string("deleted")
                             : fmt::format("wrote v={} group {} to", lw.row.value, lw.row.group),
                         key, txn_name(t),
                         present ? fmt::format("as v={}", r->value) : std::string("absent")));
    }
  }

  void check_lost_updates() {
    const size_t nodes = v_->writes().size() + v_->key_count();
    for (uint32_t node = 0; node < nodes; ++node) {
      std::vector<uint32_t> txns;
      for (uint32_t c : v_->children(node))
        if (v_->write(c).kind != MopKind::kInsert &&
            h_.txns[v_->write(c).txn].status == TxnStatus::kOk)
          txns.push_back(v_->write(c).txn);
      if (txns.size() < 2) continue;
      const int64_t key = v_->write(v_->children(node).front()).row.key;
      std::vector<std::string> names;
      for (uint32_t t : txns) names.push_back(txn_name(t));
      report(AnomalyKind::kLostUpdate, txns, key,
             fmt::format("{} committed transactions found key {} as {} and each wrote over it: {}",
                         txns.size(), key, v_->node_text(node), fmt::join(names, ", ")));
    }
  }

  const History& h_;
  std::shared_ptr<RowVersions> v_;
  std::unique_ptr<PredicateExplainer> explainer_;
  Inference out_;
  std::map<int64_t, std::vector<uint32_t>> keys_of_group_;
  std::vector<std::vector<uint32_t>> writes_of_key_;
  std::map<int64_t, int64_t> on_call_limit_;
};

}  // namespace

Inference infer_predicate(const History& history) { return PredicateInference(history).run(); }

}  // namespace isocheck
