#include "checker/infer/list_append_versions.h"

#include <algorithm>
#include <utility>

namespace isocheck {

ListAppendVersions::ListAppendVersions(const History& h) : h_(h), keys_(index_keys(h)) {
  const size_t nkeys = keys_.keys.size();
  longest_read_.assign(nkeys, kNoMop);
  // Sized exactly: the table is the largest structure inference builds.
  size_t appends = 0;
  for (const Mop& m : h.mops) appends += m.kind == MopKind::kAppend;
  appends_.reserve(appends);
  append_ids_.reserve(appends);

  // Appends, each marked when it is its writer's last append to the key;
  // and the longest committed read of each key.
  std::vector<uint32_t> last_append_of_key(nkeys, kNone);
  std::vector<uint32_t> touched;
  for (uint32_t t = 0; t < h.txns.size(); ++t) {
    const Txn& txn = h.txns[t];
    touched.clear();
    for (uint64_t m = txn.mop_begin; m < txn.mop_begin + txn.mop_count; ++m) {
      const Mop& mop = h.mops[m];
      uint32_t k = keys_.of_mop[m];
      if (mop.kind == MopKind::kAppend) {
        uint32_t id = static_cast<uint32_t>(appends_.size());
        // A repeated value stays with its first append, marked ambiguous:
        // reads of it name no writer.
        if (uint32_t first = append_ids_.insert(k, mop.value, id); first != id) {
          note_repeat(first, t);
          continue;
        }
        appends_.push_back({mop.value, t, k, kNone, false});
        if (last_append_of_key[k] == kNone) touched.push_back(k);
        last_append_of_key[k] = id;
      } else if (mop.kind == MopKind::kReadList && mop.has_result && txn.status == TxnStatus::kOk) {
        uint64_t& best = longest_read_[k];
        if (best == kNoMop || h.mops[best].list_size < mop.list_size) best = m;
      }
    }
    for (uint32_t k : touched) {
      appends_[last_append_of_key[k]].final_in_txn = true;
      last_append_of_key[k] = kNone;
    }
  }

  order_begin_.resize(nkeys + 1);
  uint64_t total = 0;
  for (uint32_t k = 0; k < nkeys; ++k) {
    order_begin_[k] = total;
    total += order(k).size();
  }
  order_begin_[nkeys] = total;
  order_append_.resize(total);
  for (uint32_t k = 0; k < nkeys; ++k) {
    std::span<const int64_t> vo = order(k);
    for (uint32_t p = 0; p < vo.size(); ++p) {
      uint32_t a = append_ids_.find(k, vo[p]);
      if (a != kNone && !appends_[a].ambiguous && appends_[a].order_pos == kNone)
        appends_[a].order_pos = p;
      else
        a = kNone;
      order_append_[order_begin_[k] + p] = a;
    }
  }
  index_unobserved();
}

void ListAppendVersions::index_unobserved() {
  std::vector<std::pair<uint32_t, uint32_t>> found;  // key, txn
  for (const AppendRecord& a : appends_)
    if (a.order_pos == kNone && !a.ambiguous && h_.txns[a.txn].status == TxnStatus::kOk)
      found.emplace_back(a.key_index, a.txn);
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  unobserved_begin_.assign(key_count() + 1, 0);
  for (const auto& kt : found) ++unobserved_begin_[kt.first + 1];
  for (size_t k = 0; k < key_count(); ++k) unobserved_begin_[k + 1] += unobserved_begin_[k];
  unobserved_.resize(found.size());
  for (size_t i = 0; i < found.size(); ++i) unobserved_[i] = found[i].second;
}

void ListAppendVersions::note_repeat(uint32_t first, uint32_t txn) {
  AppendRecord& rec = appends_[first];
  rec.ambiguous = true;
  if (repeated_.count++ == 0) repeated_ = {1, keys_.keys[rec.key_index], rec.value, rec.txn, txn};
}

std::span<const int64_t> ListAppendVersions::order(uint32_t key_index) const {
  uint64_t m = longest_read_[key_index];
  if (m == kNoMop) return {};
  return h_.list_of(h_.mops[m]);
}

uint32_t ListAppendVersions::next_visible(uint32_t key_index, uint32_t pos) const {
  const uint32_t n = static_cast<uint32_t>(order(key_index).size());
  for (uint32_t p = pos; p < n; ++p) {
    uint32_t a = append_at(key_index, p);
    if (a != kNone && may_have_committed(appends_[a].txn)) return p;
  }
  return kNone;
}

uint32_t ListAppendVersions::previous_visible(uint32_t key_index, uint32_t pos) const {
  for (uint32_t p = pos; p-- > 0;) {
    uint32_t a = append_at(key_index, p);
    if (a != kNone && may_have_committed(appends_[a].txn)) return p;
  }
  return kNone;
}

bool ListAppendVersions::is_prefix_of_order(const Mop& read, uint32_t key_index) const {
  std::span<const int64_t> vo = order(key_index);
  std::span<const int64_t> got = h_.list_of(read);
  return got.size() <= vo.size() && std::equal(got.begin(), got.end(), vo.begin());
}

}  // namespace isocheck
