#include "checker/infer/list_append_inference.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <tuple>
#include <unordered_map>

#include "checker/common/pair_index.h"
#include "checker/infer/list_append_explainer.h"
#include "checker/infer/list_append_versions.h"
#include "checker/infer/mops_by_key.h"
#include "checker/infer/witness_text.h"

namespace isocheck {
namespace {

constexpr uint32_t kNone = ListAppendVersions::kNone;
constexpr uint64_t kNoMop = ListAppendVersions::kNoMop;

// A committed read with a known result. Sixteen bytes, not 24: there is one
// per read (12.5M in a 10M-transaction history).
struct ReadRecord {
  uint64_t mop : 63;
  uint64_t external : 1;  // before any append of the reader to the key
  uint32_t txn;
  uint32_t key_index;
};
static_assert(sizeof(ReadRecord) == 16);

// An external read followed by an append to the same key: a candidate for
// lost-update when another transaction did the same on the same version.
struct ReadThenAppend {
  uint32_t key_index;
  uint32_t version;  // length of the read, a prefix of the version order
  uint32_t txn;
  int64_t appended;
};

// What one read contains that it should not: first offending positions.
struct ReadFaults {
  uint32_t garbage = kNone;
  uint32_t failed = kNone;
  uint32_t duplicate = kNone;  // second occurrence
};

class ListAppendInference {
 public:
  explicit ListAppendInference(const History& h)
      : h_(h), v_(std::make_shared<ListAppendVersions>(h)) {}

  Inference run() {
    out_.edges.reserve(h_.mops.size() * 2);
    final_read_.assign(v_->key_count(), kNoMop);
    scan_transactions();
    bucket_reads_by_key();
    for (uint32_t k = 0; k < v_->key_count(); ++k) {
      check_key_order(k);
      check_reads_of_key(k);
    }
    warn_repeated_appends();
    check_lost_updates();
    check_lost_writes();
    out_.explainer = std::make_unique<ListAppendExplainer>(v_);
    return std::move(out_);
  }

 private:
  std::span<const int64_t> list(uint64_t mop) const { return h_.list_of(h_.mops[mop]); }
  int64_t key(uint32_t k) const { return v_->key(k); }
  uint32_t writer_at(uint32_t k, uint32_t pos) const {
    uint32_t a = v_->append_at(k, pos);
    return a == kNone ? kNone : v_->appends()[a].txn;
  }

  void emit(uint32_t from, uint32_t to, EdgeKind kind) {
    if (from == kNone || to == kNone || from == to) return;
    if (!v_->may_have_committed(from) || !v_->may_have_committed(to)) return;
    out_.edges.push_back({from, to, kind});
  }

  void report(AnomalyKind kind, std::vector<uint32_t> txns, uint32_t k, std::string summary) {
    out_.anomalies.push_back(key_anomaly(kind, std::move(txns), key(k), std::move(summary)));
  }

  // Per transaction and key: external read, internal consistency, final reads.
  void scan_transactions() {
    std::vector<KeyedMop> grouped;
    for (uint32_t t = 0; t < h_.txns.size(); ++t) {
      const Txn& txn = h_.txns[t];
      if (txn.status != TxnStatus::kOk) continue;
      group_mops_by_key(txn, v_->keys().of_mop, grouped);
      for_each_key_group(grouped,
                         [&](std::span<const KeyedMop> group) { scan_key_group(t, txn, group); });
    }
  }

  void scan_key_group(uint32_t t, const Txn& txn, std::span<const KeyedMop> group) {
    const uint32_t k = group.front().key_index;
    const Mop& first = h_.mops[txn.mop_begin + group.front().offset];
    uint64_t last_append = kNoMop;
    for (const KeyedMop& km : group)
      if (h_.mops[txn.mop_begin + km.offset].kind == MopKind::kAppend)
        last_append = txn.mop_begin + km.offset;

    if (first.kind == MopKind::kReadList && first.has_result && last_append != kNoMop &&
        v_->is_prefix_of_order(first, k))
      read_then_append_.push_back({k, first.list_size, t, h_.mops[last_append].value});

    uint64_t previous_read = kNoMop;
    own_appends_.clear();
    bool reported_internal = false;
    for (size_t i = 0; i < group.size(); ++i) {
      const uint64_t m = txn.mop_begin + group[i].offset;
      const Mop& mop = h_.mops[m];
      if (mop.kind == MopKind::kAppend) {
        own_appends_.push_back(mop.value);
        continue;
      }
      if (mop.kind != MopKind::kReadList || !mop.has_result) continue;
      reads_.push_back({m, i == 0, t, k});
      if (txn.final_read) final_read_[k] = m;
      if (!reported_internal && !agrees_with_own_past(previous_read, m)) {
        report_internal(t, k, previous_read, m);
        reported_internal = true;
      }
      previous_read = m;
      own_appends_.clear();
    }
  }

  // After reading L and appending a, b the next read must be L + [a b]; with
  // no earlier read it must end with [a b].
  bool agrees_with_own_past(uint64_t previous_read, uint64_t read) const {
    std::span<const int64_t> got = list(read);
    std::span<const int64_t> own(own_appends_);
    if (previous_read == kNoMop) {
      return got.size() >= own.size() &&
             std::equal(own.begin(), own.end(), got.end() - static_cast<ptrdiff_t>(own.size()));
    }
    std::span<const int64_t> before = list(previous_read);
    return got.size() == before.size() + own.size() &&
           std::equal(before.begin(), before.end(), got.begin()) &&
           std::equal(own.begin(), own.end(), got.begin() + static_cast<ptrdiff_t>(before.size()));
  }

  void report_internal(uint32_t t, uint32_t k, uint64_t previous_read, uint64_t read) {
    std::span<const int64_t> got = list(read);
    std::string own = format_list(own_appends_);
    std::string text;
    if (previous_read == kNoMop) {
      text = fmt::format("{} appended {} to key {}, then read it as {}, which does not end with {}",
                         txn_name(t), own, key(k), format_list(got), own);
    } else {
      std::vector<int64_t> expected(list(previous_read).begin(), list(previous_read).end());
      expected.insert(expected.end(), own_appends_.begin(), own_appends_.end());
      text = fmt::format("{} read key {} = {}, then appended {}, then read {} instead of {}",
                         txn_name(t), key(k), format_list(list(previous_read)),
                         own_appends_.empty() ? "nothing" : own, format_list(got),
                         format_list(expected));
    }
    report(AnomalyKind::kInternal, {t}, k, std::move(text));
  }

  // Counting sort of reads_ by key, keeping transaction order within a key.
  void bucket_reads_by_key() {
    read_begin_.assign(v_->key_count() + 1, 0);
    for (const ReadRecord& r : reads_) ++read_begin_[r.key_index + 1];
    for (size_t k = 0; k < v_->key_count(); ++k) read_begin_[k + 1] += read_begin_[k];
    std::vector<ReadRecord> sorted(reads_.size());
    std::vector<uint64_t> next(read_begin_.begin(), read_begin_.end() - 1);
    for (const ReadRecord& r : reads_) sorted[next[r.key_index]++] = r;
    reads_ = std::move(sorted);
  }

  // ww edges along the version order, and faults of the order itself.
  void check_key_order(uint32_t k) {
    std::span<const int64_t> vo = v_->order(k);
    order_faults_ = {};
    uint32_t previous_writer = kNone;
    uint32_t first_failed_writer = kNone;
    bool reported_dirty = false;
    for (uint32_t p = 0; p < vo.size(); ++p) {
      uint32_t a = v_->append_at(k, p);
      if (a == kNone) {
        const uint32_t any = v_->find_append(k, vo[p]);
        if (any != kNone && v_->appends()[any].ambiguous) continue;
        uint32_t& slot = any == kNone ? order_faults_.garbage : order_faults_.duplicate;
        slot = std::min(slot, p);
        continue;
      }
      uint32_t w = v_->appends()[a].txn;
      if (!v_->may_have_committed(w)) {
        if (order_faults_.failed == kNone) {
          order_faults_.failed = p;
          first_failed_writer = w;
        }
        continue;
      }
      if (previous_writer != kNone && previous_writer != w) emit(previous_writer, w, EdgeKind::kWw);
      previous_writer = w;
      if (first_failed_writer != kNone && !reported_dirty) {
        reported_dirty = true;
        report(AnomalyKind::kDirtyUpdate, {first_failed_writer, w}, k,
               fmt::format("key {}'s version order {} has {}, appended by {}, after {}, appended "
                           "by {}, which failed",
                           key(k), format_list(vo), vo[p], txn_name(w), vo[order_faults_.failed],
                           txn_name(first_failed_writer)));
      }
    }
    // No read shows these appends, so each comes after every element a read
    // shows: the last visible writer precedes them.
    for (uint32_t u : v_->unobserved_writers(k)) emit(previous_writer, u, EdgeKind::kWw);
  }

  ReadFaults faults_of_prefix(uint32_t n) const {
    ReadFaults f = order_faults_;
    for (uint32_t* pos : {&f.garbage, &f.failed, &f.duplicate})
      if (*pos != kNone && *pos >= n) *pos = kNone;
    return f;
  }

  ReadFaults faults_of_any(uint32_t k, std::span<const int64_t> got) const {
    ReadFaults f;
    PairIndex seen;
    seen.reserve(got.size());
    for (uint32_t p = 0; p < got.size(); ++p) {
      uint32_t a = v_->find_append(k, got[p]);
      if (a == kNone && f.garbage == kNone) f.garbage = p;
      if (a != kNone && v_->appends()[a].ambiguous) continue;
      if (a != kNone && f.failed == kNone && !v_->may_have_committed(v_->appends()[a].txn))
        f.failed = p;
      if (f.duplicate == kNone && seen.insert(got[p], 0, p) != p) f.duplicate = p;
    }
    return f;
  }

  void check_reads_of_key(uint32_t k) {
    const uint64_t longest = v_->longest_read_mop(k);
    std::span<const int64_t> vo = v_->order(k);
    bool reported_incompatible = false;
    uint32_t last_faulty_reader = kNone;
    for (uint64_t i = read_begin_[k]; i < read_begin_[k + 1]; ++i) {
      const ReadRecord& r = reads_[i];
      std::span<const int64_t> got = list(r.mop);
      const uint32_t n = static_cast<uint32_t>(got.size());
      const bool prefix = v_->is_prefix_of_order(h_.mops[r.mop], k);
      if (!prefix && !reported_incompatible) {
        reported_incompatible = true;
        uint32_t other = reader_of(longest);
        report(AnomalyKind::kIncompatibleOrder, {r.txn, other}, k,
               fmt::format("{} read key {} = {} and {} read {}: the shorter is not a prefix of "
                           "the longer",
                           txn_name(r.txn), key(k), format_list(got), txn_name(other),
                           format_list(vo)));
      }
      if (r.txn != last_faulty_reader) {
        ReadFaults f = prefix ? faults_of_prefix(n) : faults_of_any(k, got);
        if (report_read_faults(r, k, got, f)) last_faulty_reader = r.txn;
      }
      if (n > 0) {
        uint32_t a = v_->unique_append(k, got[n - 1]);
        uint32_t w = a == kNone ? kNone : v_->appends()[a].txn;
        if (w != kNone && w != r.txn && v_->may_have_committed(w) && !v_->appends()[a].final_in_txn)
          report_intermediate(r, k, got, a);
        if (r.external) emit(w, r.txn, EdgeKind::kWr);
      }
      if (r.external && prefix) emit_anti_dependencies(r.txn, k, n);
    }
  }

  // The reader of a prefix of length n precedes every committed append its
  // read lacks. Linear in edges: the first other transaction's append after
  // the prefix, which reaches every later one through ww; with none, each
  // append no read shows directly.
  void emit_anti_dependencies(uint32_t reader, uint32_t k, uint32_t n) {
    const uint32_t next = next_other_writer(k, n, reader);
    if (next != kNone) {
      emit(reader, writer_at(k, next), EdgeKind::kRw);
      return;
    }
    for (uint32_t u : v_->unobserved_writers(k)) emit(reader, u, EdgeKind::kRw);
  }

  uint32_t next_other_writer(uint32_t k, uint32_t pos, uint32_t reader) const {
    for (uint32_t p = v_->next_visible(k, pos); p != kNone; p = v_->next_visible(k, p + 1))
      if (writer_at(k, p) != reader) return p;
    return kNone;
  }

  void warn_repeated_appends() {
    const RepeatedAppends& r = v_->repeated();
    if (r.count == 0) return;
    out_.warnings.push_back(fmt::format(
        "appended values are not unique: {} appended {} to key {} as {} did ({} repeated "
        "append{} in all); reads of a repeated value name no writer, so they give no "
        "dependency, and only what holds for every writer is reported",
        txn_name(r.repeat_txn), r.value, r.key, txn_name(r.first_txn), r.count,
        r.count == 1 ? "" : "s"));
  }

  uint32_t reader_of(uint64_t mop) const {
    // Transactions are sorted by their first mop, so the reader is the last
    // transaction starting at or before the mop.
    auto it = std::upper_bound(h_.txns.begin(), h_.txns.end(), mop,
                               [](uint64_t m, const Txn& t) { return m < t.mop_begin; });
    return static_cast<uint32_t>(it - h_.txns.begin()) - 1;
  }

  bool report_read_faults(const ReadRecord& r, uint32_t k, std::span<const int64_t> got,
                          const ReadFaults& f) {
    auto seen = [&] {
      return fmt::format("{} read key {} = {}", txn_name(r.txn), key(k), format_list(got));
    };
    bool any = false;
    if (f.garbage != kNone) {
      report(AnomalyKind::kGarbageRead, {r.txn}, k,
             fmt::format("{}: nobody appended {}", seen(), got[f.garbage]));
      any = true;
    }
    if (f.failed != kNone) {
      uint32_t w = v_->appends()[v_->find_append(k, got[f.failed])].txn;
      report(AnomalyKind::kG1a, {r.txn, w}, k,
             fmt::format("{}, which includes {}, appended by {}, which failed", seen(),
                         got[f.failed], txn_name(w)));
      any = true;
    }
    if (f.duplicate != kNone) {
      auto first = std::find(got.begin(), got.end(), got[f.duplicate]) - got.begin();
      report(AnomalyKind::kDuplicateElements, {r.txn}, k,
             fmt::format("{}: {} appears twice (positions {} and {})", seen(), got[f.duplicate],
                         first + 1, f.duplicate + 1));
      any = true;
    }
    return any;
  }

  void report_intermediate(const ReadRecord& r, uint32_t k, std::span<const int64_t> got,
                           uint32_t a) {
    const AppendRecord& rec = v_->appends()[a];
    const Txn& writer = h_.txns[rec.txn];
    int64_t later = 0;
    bool after = false;
    for (const Mop& m : h_.mops_of(writer)) {
      if (m.kind != MopKind::kAppend || v_->key_index_of_mop(&m - h_.mops.data()) != k) continue;
      if (after) {
        later = m.value;
        break;
      }
      after = m.value == rec.value;
    }
    report(AnomalyKind::kG1b, {r.txn, rec.txn}, k,
           fmt::format("{} read key {} = {}, ending on {}, but {} appended {} to key {} after it "
                       "in the same transaction",
                       txn_name(r.txn), key(k), format_list(got), rec.value, txn_name(rec.txn),
                       later, key(k)));
  }

  void check_lost_updates() {
    auto& c = read_then_append_;
    std::sort(c.begin(), c.end(), [](const ReadThenAppend& a, const ReadThenAppend& b) {
      return std::tie(a.key_index, a.version, a.txn) < std::tie(b.key_index, b.version, b.txn);
    });
    for (size_t i = 0; i < c.size();) {
      size_t j = i + 1;
      while (j < c.size() && c[j].key_index == c[i].key_index && c[j].version == c[i].version) ++j;
      if (j - i >= 2) {
        std::vector<uint32_t> txns;
        std::vector<std::string> parts;
        for (size_t x = i; x < j; ++x) {
          txns.push_back(c[x].txn);
          parts.push_back(fmt::format("{} appended {}", txn_name(c[x].txn), c[x].appended));
        }
        std::span<const int64_t> version = v_->order(c[i].key_index).first(c[i].version);
        report(
            AnomalyKind::kLostUpdate, std::move(txns), c[i].key_index,
            fmt::format("{} committed transactions read key {} = {} and then appended to it: {}",
                        j - i, key(c[i].key_index), format_list(version), fmt::join(parts, ", ")));
      }
      i = j;
    }
  }

  void check_lost_writes() {
    std::unordered_map<uint32_t, std::vector<int64_t>> unordered_final;
    for (const AppendRecord& a : v_->appends()) {
      if (h_.txns[a.txn].status != TxnStatus::kOk || a.ambiguous) continue;
      const uint64_t f = final_read_[a.key_index];
      if (f == kNoMop) continue;
      std::span<const int64_t> got = list(f);
      bool present;
      if (v_->is_prefix_of_order(h_.mops[f], a.key_index)) {
        present = a.order_pos != kNone && a.order_pos < got.size();
      } else {
        auto [it, fresh] = unordered_final.try_emplace(a.key_index, got.begin(), got.end());
        if (fresh) std::sort(it->second.begin(), it->second.end());
        present = std::binary_search(it->second.begin(), it->second.end(), a.value);
      }
      if (present) continue;
      uint32_t reader = reader_of(f);
      report(AnomalyKind::kLostWrite, {a.txn, reader}, a.key_index,
             fmt::format("{} appended {} to key {} and committed, but the final read {} of key "
                         "{} = {} lacks it",
                         txn_name(a.txn), a.value, key(a.key_index), txn_name(reader),
                         key(a.key_index), format_list(got)));
    }
  }

  const History& h_;
  std::shared_ptr<ListAppendVersions> v_;
  Inference out_;
  std::vector<ReadRecord> reads_;
  std::vector<uint64_t> read_begin_;
  std::vector<ReadThenAppend> read_then_append_;
  std::vector<uint64_t> final_read_;
  std::vector<int64_t> own_appends_;
  ReadFaults order_faults_;
};

}  // namespace

Inference infer_list_append(const History& history) { return ListAppendInference(history).run(); }

}  // namespace isocheck
