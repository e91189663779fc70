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
    // Per predicate, the rows the transaction last saw through it, kept up
    // to date with its own writes since.
    std::vector<std::pair<Predicate, std::vector<Row>>> expected;
    bool phantom_reported = false, internal_reported = false;
    for (uint32_t i = 0; i < txn.mop_count; ++i) {
      const uint64_t m = txn.mop_begin + i;
      const Mop& mop = h_.mops[m];
      switch (mop.kind) {
        case MopKind::kPredicateRead: {
          if (!mop.has_result) break;
          const Predicate& p = h_.row_mop_of(mop).predicate;
          auto rows = h_.rows_of(mop);
          predicate_read(t, m, p, rows);
          check_on_call(t, p, rows);
          if (txn.final_read) final_read(t, rows);
          auto it = std::find_if(expected.begin(), expected.end(),
                                 [&](const auto& e) { return e.first == p; });
          if (it == expected.end()) {
            expected.emplace_back(p, std::vector<Row>(rows.begin(), rows.end()));
            break;
          }
          compare_rerun(t, p, it->second, rows, phantom_reported, internal_reported);
          it->second.assign(rows.begin(), rows.end());
          break;
        }
        case MopKind::kReadRow:
        case MopKind::kUpdate:
        case MopKind::kDelete:
          if (mop.has_result) item_read(t, m);
          if (mop.kind != MopKind::kReadRow) apply_own_write(expected, mop);
          break;
        case MopKind::kInsert:
          apply_own_write(expected, mop);
          break;
        default:
          break;
      }
    }
  }

  void apply_own_write(std::vector<std::pair<Predicate, std::vector<Row>>>& expected,
                       const Mop& mop) {
    if (mop.kind != MopKind::kInsert && mop.has_result && !returned_row(h_, mop)) return;
    const Row written{mop.key, mop.value, h_.row_mop_of(mop).group};
    for (auto& [p, rows] : expected) {
      std::erase_if(rows, [&](const Row& r) { return r.key == mop.key; });
      if (mop.kind == MopKind::kDelete || !p.matches(written)) continue;
      rows.insert(std::lower_bound(rows.begin(), rows.end(), written,
                                   [](const Row& a, const Row& b) { return a.key < b.key; }),
                  written);
    }
  }

  void compare_rerun(uint32_t t, const Predicate& p, const std::vector<Row>& before,
                     std::span<const Row> after, bool& phantom_reported, bool& internal_reported) {
    const bool same_keys = std::equal(before.begin(), before.end(), after.begin(), after.end(),
                                      [](const Row& a, const Row& b) { return a.key == b.key; });
    if (!same_keys) {
      if (phantom_reported) return;
      phantom_reported = true;
      report(AnomalyKind::kPhantom, {t}, std::nullopt,
             fmt::format("{} read {} and got keys {}; run again in the same transaction it "
                         "returned keys {}",
                         txn_name(t), predicate_text(p), rows_text(before), rows_text(after)));
      return;
    }
    if (internal_reported || std::equal(before.begin(), before.end(), after.begin(), after.end()))
      return;
    internal_reported = true;
    report(AnomalyKind::kInternal, {t}, std::nullopt,
           fmt::format("{} read {} twice: the same keys {}, but other values", txn_name(t),
                       predicate_text(p), rows_text(after)));
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
  // The row's absence comes first and never matches, so that is certain
  // only while the row never stopped matching once it had: then the read
  // saw it before the write that made it match. A row that left the
  // predicate (moved out, deleted) could have been seen before it came or
  // after it left: no edge.
  void unreturned_row(uint32_t t, uint64_t m, const Predicate& p, uint32_t k) {
    auto chain = v_->chain(k);
    size_t entry = 0;
    while (entry < chain.size() && !v_->matches(chain[entry], p)) ++entry;
    if (entry == chain.size()) return;
    for (size_t i = entry; i < chain.size(); ++i)
      if (!v_->matches(chain[i], p)) return;
    // The transaction's own writes decide what it sees of the row.
    for (size_t i = 1; i < entry; ++i)
      if (v_->write(chain[i]).txn == t) return;
    // Every later insert into a group would anti-depend on every earlier
    // read of it: quadratic. A writer invoked after the reader completed
    // is left out; a cycle through that edge would need a transaction to
    // miss a write that committed before it began (stale snapshots), which
    // this bound gives up finding through predicates.
    const uint32_t writer = v_->write(chain[entry]).txn;
    const Txn& reader = h_.txns[t];
    if (reader.completed() && h_.txns[writer].invoke_index > reader.complete_index) return;
    emit(t, writer, EdgeKind::kPredicateRw, {m, kNone, chain[entry]});
  }

  void check_on_call(uint32_t t, const Predicate& p, std::span<const Row> rows) {
    if (p.max_rows <= 0 || p.kind != PredicateKind::kGroup) return;
    on_call_limit_[p.group] = p.max_rows;
    if (static_cast<int64_t>(rows.size()) <= p.max_rows) return;
    report(AnomalyKind::kOnCallOverbooked, {t}, std::nullopt,
           fmt::format("{} read group {} and found {} rows {}, but rows enter it only when fewer "
                       "than {} are there",
                       txn_name(t), p.group, rows.size(), rows_text(rows), p.max_rows));
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
  std::map<int64_t, int64_t> on_call_limit_;
};

}  // namespace

Inference infer_predicate(const History& history) { return PredicateInference(history).run(); }

}  // namespace isocheck
