#include "checker/infer/rw_register_inference.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <tuple>

#include "checker/infer/mops_by_key.h"
#include "checker/infer/rw_register_explainer.h"
#include "checker/infer/rw_register_versions.h"
#include "checker/infer/witness_text.h"

namespace isocheck {
namespace {

constexpr uint32_t kNone = RegisterVersions::kNone;
constexpr uint64_t kNoMop = UINT64_MAX;

// A committed transaction that read version `node` externally and then wrote
// the key: two of these on one version are a lost update.
struct ReadThenWrite {
  uint32_t node;
  uint32_t txn;
  int64_t written;
};

class RwRegisterInference {
 public:
  explicit RwRegisterInference(const History& h)
      : h_(h), v_(std::make_shared<RegisterVersions>(h)) {}

  Inference run() {
    out_.edges.reserve(h_.mops.size() * 2);
    final_read_.assign(v_->key_count(), kNoMop);
    scan_reads();
    check_cyclic_versions();
    check_dirty_updates();
    emit_edges();
    check_lost_updates();
    check_lost_writes();
    warn_repeated_writes();
    out_.explainer = std::make_unique<RwRegisterExplainer>(v_);
    return std::move(out_);
  }

 private:
  int64_t key(uint32_t k) const { return v_->key(k); }
  const WriteRecord& write(uint32_t w) const { return v_->writes()[w]; }

  void emit(uint32_t from, uint32_t to, EdgeKind kind) {
    if (from == to || !v_->may_have_committed(from) || !v_->may_have_committed(to)) return;
    out_.edges.push_back({from, to, kind});
  }

  void report(AnomalyKind kind, std::vector<uint32_t> txns, uint32_t k, std::string summary) {
    out_.anomalies.push_back(key_anomaly(kind, std::move(txns), key(k), std::move(summary)));
  }

  // Every committed read: internal consistency, what it saw, final reads.
  void scan_reads() {
    std::vector<KeyedMop> grouped;
    for (uint32_t t = 0; t < h_.txns.size(); ++t) {
      const Txn& txn = h_.txns[t];
      if (txn.status != TxnStatus::kOk) continue;
      group_mops_by_key(txn, v_->mop_keys(), grouped);
      for_each_key_group(grouped,
                         [&](std::span<const KeyedMop> group) { scan_key_group(t, txn, group); });
    }
  }

  void scan_key_group(uint32_t t, const Txn& txn, std::span<const KeyedMop> group) {
    const uint32_t k = group.front().key_index;
    // What this transaction last saw or wrote for the key, if anything.
    bool known = false, known_nil = false, known_written = false;
    int64_t known_value = 0;
    bool reported_internal = false, reported_read = false;
    for (const KeyedMop& km : group) {
      const uint64_t m = txn.mop_begin + km.offset;
      const Mop& mop = h_.mops[m];
      if (mop.kind == MopKind::kWrite) {
        known = known_written = true;
        known_nil = false;
        known_value = mop.value;
        continue;
      }
      if (mop.kind != MopKind::kReadRegister || !mop.has_result) continue;
      if (txn.final_read) final_read_[k] = m;
      if (known && !reported_internal &&
          (mop.is_nil != known_nil || (!mop.is_nil && mop.value != known_value))) {
        reported_internal = true;
        report(AnomalyKind::kInternal, {t}, k,
               fmt::format("{} {} key {} = {}, then read {}", txn_name(t),
                           known_written ? "wrote" : "read", key(k),
                           known_nil ? "nil" : std::to_string(known_value),
                           mop.is_nil ? "nil" : std::to_string(mop.value)));
      }
      if (!reported_read && check_read_source(t, k, mop)) reported_read = true;
      known = true;
      known_written = false;
      known_nil = mop.is_nil;
      known_value = mop.value;
    }
  }

  // garbage-read, G1a and G1b for one read; true when it reported one.
  bool check_read_source(uint32_t t, uint32_t k, const Mop& read) {
    if (read.is_nil) return false;
    const uint32_t w = v_->find_write(k, read.value);
    auto seen = [&] { return fmt::format("{} read key {} = {}", txn_name(t), key(k), read.value); };
    if (w == kNone) {
      report(AnomalyKind::kGarbageRead, {t}, k, fmt::format("{}, which nobody wrote", seen()));
      return true;
    }
    const WriteRecord& rec = write(w);
    // A repeated value names no writer: nothing certain to say about it.
    if (rec.repeated || rec.txn == t) return false;
    if (!v_->may_have_committed(rec.txn)) {
      report(AnomalyKind::kG1a, {t, rec.txn}, k,
             fmt::format("{}, written by {}, which failed", seen(), txn_name(rec.txn)));
      return true;
    }
    if (!rec.final_in_txn) {
      report(AnomalyKind::kG1b, {t, rec.txn}, k,
             fmt::format("{}, which {} overwrote with {} later in the same transaction", seen(),
                         txn_name(rec.txn), later_write(rec)));
      return true;
    }
    return false;
  }

  int64_t later_write(const WriteRecord& rec) const {
    int64_t last = rec.value;
    for (const Mop& m : h_.mops_of(h_.txns[rec.txn]))
      if (m.kind == MopKind::kWrite && v_->key_index_of_mop(&m - h_.mops.data()) == rec.key_index)
        last = m.value;
    return last;
  }

  // A version that may have been committed, installed by a transaction that
  // read a failed transaction's write and wrote over it.
  void check_dirty_updates() {
    for (uint32_t w = 0; w < v_->writes().size(); ++w) {
      const uint32_t p = v_->parent(w);
      if (p == kNone || v_->is_nil_node(p)) continue;
      const WriteRecord& rec = write(w);
      const WriteRecord& base = write(p);
      if (!v_->may_have_committed(rec.txn) || v_->may_have_committed(base.txn)) continue;
      report(AnomalyKind::kDirtyUpdate, {rec.txn, base.txn}, rec.key_index,
             fmt::format("{} read key {} = {}, written by {}, which failed, and wrote {} over it",
                         txn_name(rec.txn), key(rec.key_index), base.value, txn_name(base.txn),
                         rec.value));
    }
  }

  // Parent links form a functional graph: walk each chain once, colouring
  // nodes, and report each cycle found.
  void check_cyclic_versions() {
    const size_t n = v_->writes().size();
    std::vector<uint8_t> colour(n, 0);  // 0 new, 1 on the current chain, 2 done
    std::vector<uint32_t> chain;
    for (uint32_t start = 0; start < n; ++start) {
      chain.clear();
      uint32_t w = start;
      while (w != kNone && !v_->is_nil_node(w) && colour[w] == 0) {
        colour[w] = 1;
        chain.push_back(w);
        w = v_->parent(w);
      }
      if (w != kNone && !v_->is_nil_node(w) && colour[w] == 1) report_version_cycle(chain, w);
      for (uint32_t c : chain) colour[c] = 2;
    }
  }

  void report_version_cycle(const std::vector<uint32_t>& chain, uint32_t entry) {
    auto begin = std::find(chain.begin(), chain.end(), entry);
    std::vector<uint32_t> txns;
    std::vector<std::string> steps;
    // chain runs from a version to its predecessors; print in version order.
    for (auto it = chain.end(); it != begin;) {
      --it;
      const WriteRecord& rec = write(*it);
      txns.push_back(rec.txn);
      steps.push_back(fmt::format("{} read {} then wrote {}", txn_name(rec.txn),
                                  v_->node_text(v_->parent(*it)), rec.value));
    }
    const uint32_t k = write(entry).key_index;
    report(
        AnomalyKind::kCyclicVersions, std::move(txns), k,
        fmt::format("key {}: {}, so each version precedes itself", key(k), fmt::join(steps, "; ")));
  }

  void emit_edges() {
    // Direct successors of each node: the transitive reduction of the
    // version graph, with nil before every version that has no other
    // known predecessor.
    const size_t nodes = v_->node_count();
    std::vector<uint32_t> child_begin(nodes + 1, 0), reader_begin(nodes + 1, 0);
    auto parent_node = [&](uint32_t w) {
      uint32_t p = v_->parent(w);
      return p == kNone ? v_->nil_node(write(w).key_index) : p;
    };
    for (uint32_t w = 0; w < v_->writes().size(); ++w)
      if (write(w).final_in_txn) ++child_begin[parent_node(w) + 1];
    for (const ExternalRead& r : v_->external_reads())
      if (r.node != kNone) ++reader_begin[r.node + 1];
    for (size_t i = 0; i < nodes; ++i) {
      child_begin[i + 1] += child_begin[i];
      reader_begin[i + 1] += reader_begin[i];
    }
    std::vector<uint32_t> children(child_begin.back()), readers(reader_begin.back());
    {
      std::vector<uint32_t> next(child_begin.begin(), child_begin.end() - 1);
      for (uint32_t w = 0; w < v_->writes().size(); ++w)
        if (write(w).final_in_txn) children[next[parent_node(w)]++] = w;
      next.assign(reader_begin.begin(), reader_begin.end() - 1);
      for (const ExternalRead& r : v_->external_reads())
        if (r.node != kNone) readers[next[r.node]++] = r.txn;
    }
    for (uint32_t node = 0; node < nodes; ++node) {
      const bool nil = v_->is_nil_node(node);
      for (uint32_t c = child_begin[node]; c < child_begin[node + 1]; ++c) {
        const uint32_t writer = write(children[c]).txn;
        if (!nil) emit(write(node).txn, writer, EdgeKind::kWw);
        for (uint32_t r = reader_begin[node]; r < reader_begin[node + 1]; ++r)
          emit(readers[r], writer, EdgeKind::kRw);
      }
      if (!nil)
        for (uint32_t r = reader_begin[node]; r < reader_begin[node + 1]; ++r)
          emit(write(node).txn, readers[r], EdgeKind::kWr);
    }
  }

  void check_lost_updates() {
    std::vector<ReadThenWrite> c;
    for (uint32_t w = 0; w < v_->writes().size(); ++w) {
      const WriteRecord& rec = write(w);
      if (rec.final_in_txn && v_->parent(w) != kNone && h_.txns[rec.txn].status == TxnStatus::kOk)
        c.push_back({v_->parent(w), rec.txn, rec.value});
    }
    std::sort(c.begin(), c.end(), [](const ReadThenWrite& a, const ReadThenWrite& b) {
      return std::tie(a.node, a.txn) < std::tie(b.node, b.txn);
    });
    for (size_t i = 0; i < c.size();) {
      size_t j = i + 1;
      while (j < c.size() && c[j].node == c[i].node) ++j;
      if (j - i >= 2) {
        std::vector<uint32_t> txns;
        std::vector<std::string> parts;
        for (size_t x = i; x < j; ++x) {
          txns.push_back(c[x].txn);
          parts.push_back(fmt::format("{} wrote {}", txn_name(c[x].txn), c[x].written));
        }
        const uint32_t node = c[i].node;
        const uint32_t k = v_->is_nil_node(node) ? node - static_cast<uint32_t>(v_->writes().size())
                                                 : write(node).key_index;
        report(AnomalyKind::kLostUpdate, std::move(txns), k,
               fmt::format("{} committed transactions read key {} = {} and then wrote it: {}",
                           j - i, key(k), v_->node_text(node), fmt::join(parts, ", ")));
      }
      i = j;
    }
  }

  // On one PostgreSQL node commit order follows real time: a write invoked
  // after the final value's writer completed must have committed later, so
  // the final read should show it or something newer.
  void check_lost_writes() {
    for (const WriteRecord& rec : v_->writes()) {
      const Txn& writer = h_.txns[rec.txn];
      if (!rec.final_in_txn || writer.status != TxnStatus::kOk) continue;
      const uint64_t f = final_read_[rec.key_index];
      if (f == kNoMop) continue;
      const Mop& read = h_.mops[f];
      const uint32_t reader = txn_of(f);
      const uint32_t k = rec.key_index;
      if (read.is_nil) {
        report(AnomalyKind::kLostWrite, {rec.txn, reader}, k,
               fmt::format("{} wrote {} to key {} and committed, but the final read {} of key {} "
                           "returned nil",
                           txn_name(rec.txn), rec.value, key(k), txn_name(reader), key(k)));
        continue;
      }
      const uint32_t w = v_->unique_write(k, read.value);
      if (w == kNone) continue;
      const WriteRecord& seen = write(w);
      const Txn& seen_writer = h_.txns[seen.txn];
      if (seen.txn == rec.txn || !seen_writer.completed() ||
          writer.invoke_index <= seen_writer.complete_index)
        continue;
      report(AnomalyKind::kLostWrite, {rec.txn, seen.txn, reader}, k,
             fmt::format("the final read {} of key {} returned {}, written by {}; {} wrote {} and "
                         "committed, and was invoked after {} completed, so on one PostgreSQL "
                         "node it committed later: its write was lost",
                         txn_name(reader), key(k), read.value, txn_name(seen.txn),
                         txn_name(rec.txn), rec.value, txn_name(seen.txn)));
    }
  }

  void warn_repeated_writes() {
    const RepeatedWrites& r = v_->repeated();
    if (r.count == 0) return;
    out_.warnings.push_back(fmt::format(
        "written values are not unique: {} wrote {} to key {} as {} did ({} repeated write{} "
        "in all); reads of a repeated value name no writer, so they give no dependency, and "
        "only what holds for every writer is reported",
        txn_name(r.repeat_txn), r.value, r.key, txn_name(r.first_txn), r.count,
        r.count == 1 ? "" : "s"));
  }

  uint32_t txn_of(uint64_t mop) const {
    auto it = std::upper_bound(h_.txns.begin(), h_.txns.end(), mop,
                               [](uint64_t m, const Txn& t) { return m < t.mop_begin; });
    return static_cast<uint32_t>(it - h_.txns.begin()) - 1;
  }

  const History& h_;
  std::shared_ptr<RegisterVersions> v_;
  Inference out_;
  std::vector<uint64_t> final_read_;
};

}  // namespace

Inference infer_rw_register(const History& history) { return RwRegisterInference(history).run(); }

}  // namespace isocheck
