#include "checker/infer/list_append_explainer.h"

#include <fmt/format.h>

#include "checker/infer/witness_text.h"

namespace isocheck {
namespace {
constexpr uint32_t kNone = ListAppendVersions::kNone;
}  // namespace

std::string ListAppendExplainer::explain_ww(uint32_t from, uint32_t to) const {
  const History& h = v_->history();
  for (const Mop& m : h.mops_of(h.txns[to])) {
    if (m.kind != MopKind::kAppend) continue;
    uint32_t k = v_->key_index_of_mop(&m - h.mops.data());
    uint32_t a = v_->unique_append(k, m.value);
    if (a == kNone) continue;
    const uint32_t pos = v_->appends()[a].order_pos;
    const uint32_t shown = static_cast<uint32_t>(v_->order(k).size());
    uint32_t prev = v_->previous_visible(k, pos == kNone ? shown : pos);
    if (prev == kNone || v_->appends()[v_->append_at(k, prev)].txn != from) continue;
    if (pos == kNone)
      return fmt::format(
          "{} appended {} to key {}, which no read shows, so it follows {}'s {}, the last "
          "element the longest read {} shows (ww)",
          txn_name(to), m.value, v_->key(k), txn_name(from), v_->order(k)[prev],
          format_list(v_->order(k)));
    return fmt::format("{} appended {} to key {} right after {}'s {} (ww)", txn_name(to), m.value,
                       v_->key(k), txn_name(from), v_->order(k)[prev]);
  }
  return {};
}

std::string ListAppendExplainer::explain_wr(uint32_t from, uint32_t to) const {
  const History& h = v_->history();
  for (const Mop& m : h.mops_of(h.txns[to])) {
    if (m.kind != MopKind::kReadList || !m.has_result || m.list_size == 0) continue;
    uint32_t k = v_->key_index_of_mop(&m - h.mops.data());
    std::span<const int64_t> got = h.list_of(m);
    uint32_t a = v_->unique_append(k, got.back());
    if (a == kNone || v_->appends()[a].txn != from) continue;
    return fmt::format("{} read key {} = {}, whose last element {} appended (wr)", txn_name(to),
                       v_->key(k), format_list(got), txn_name(from));
  }
  return {};
}

std::string ListAppendExplainer::explain_rw(uint32_t from, uint32_t to) const {
  const History& h = v_->history();
  for (const Mop& m : h.mops_of(h.txns[from])) {
    if (m.kind != MopKind::kReadList || !m.has_result) continue;
    uint32_t k = v_->key_index_of_mop(&m - h.mops.data());
    if (!v_->is_prefix_of_order(m, k)) continue;
    std::span<const int64_t> got = h.list_of(m);
    std::string seen =
        fmt::format("{} read key {} = {}", txn_name(from), v_->key(k), format_list(got));
    uint32_t next = v_->next_visible(k, m.list_size);
    while (next != kNone && v_->appends()[v_->append_at(k, next)].txn == from)
      next = v_->next_visible(k, next + 1);
    if (next == kNone) {
      const std::string unseen = unobserved_value(k, to);
      if (unseen.empty()) continue;
      return fmt::format(
          "{}; {} appended {}, which no read shows, so it was not yet in the version {} read "
          "(rw)",
          seen, txn_name(to), unseen, txn_name(from));
    }
    if (v_->appends()[v_->append_at(k, next)].txn != to) continue;
    int64_t value = v_->order(k)[next];
    if (got.empty() && next == 0)
      return fmt::format("{}; {} appended {}, its first element (rw)", seen, txn_name(to), value);
    if (got.empty())
      return fmt::format(
          "{}; {} appended {}, the first element not from a failed or the same "
          "transaction (rw)",
          seen, txn_name(to), value);
    if (next == got.size())
      return fmt::format("{}; {} appended {} right after {} (rw)", seen, txn_name(to), value,
                         got.back());
    return fmt::format(
        "{}; {} appended {}, the next element after {} not from a failed or the same "
        "transaction (rw)",
        seen, txn_name(to), value, got.back());
  }
  return {};
}

std::string ListAppendExplainer::unobserved_value(uint32_t k, uint32_t writer) const {
  const History& h = v_->history();
  for (const Mop& m : h.mops_of(h.txns[writer])) {
    if (m.kind != MopKind::kAppend || v_->key_index_of_mop(&m - h.mops.data()) != k) continue;
    uint32_t a = v_->unique_append(k, m.value);
    if (a != kNone && v_->appends()[a].order_pos == kNone) return std::to_string(m.value);
  }
  return {};
}

}  // namespace isocheck
