#include "checker/infer/rw_register_explainer.h"

#include <fmt/format.h>

#include "checker/infer/witness_text.h"

namespace isocheck {
namespace {
constexpr uint32_t kNone = RegisterVersions::kNone;
}  // namespace

uint32_t RwRegisterExplainer::external_read_node(uint32_t txn, uint32_t key_index) const {
  const History& h = v_->history();
  for (const Mop& m : h.mops_of(h.txns[txn])) {
    if (v_->key_index_of_mop(&m - h.mops.data()) != key_index) continue;
    if (m.kind != MopKind::kReadRegister || !m.has_result) return kNone;
    return v_->node_read(m, key_index);
  }
  return kNone;
}

std::string RwRegisterExplainer::explain_ww(uint32_t from, uint32_t to) const {
  const History& h = v_->history();
  for (const Mop& m : h.mops_of(h.txns[to])) {
    if (m.kind != MopKind::kWrite) continue;
    const uint32_t w = v_->final_write(to, v_->key_index_of_mop(&m - h.mops.data()));
    if (w == kNone) continue;
    const WriteRecord& rec = v_->writes()[w];
    if (rec.txn != to || !rec.final_in_txn) continue;
    uint32_t p = v_->parent(w);
    if (p == kNone || v_->is_nil_node(p) || v_->writes()[p].txn != from) continue;
    return fmt::format("{} read key {} = {}, which {} wrote, then wrote {} (ww)", txn_name(to),
                       v_->key(rec.key_index), v_->writes()[p].value, txn_name(from), rec.value);
  }
  return {};
}

std::string RwRegisterExplainer::explain_wr(uint32_t from, uint32_t to) const {
  const History& h = v_->history();
  for (const Mop& m : h.mops_of(h.txns[to])) {
    if (m.kind != MopKind::kReadRegister || !m.has_result || m.is_nil) continue;
    uint32_t k = v_->key_index_of_mop(&m - h.mops.data());
    uint32_t w = v_->unique_write(k, m.value);
    if (w == kNone || v_->writes()[w].txn != from) continue;
    return fmt::format("{} read key {} = {}, which {} wrote (wr)", txn_name(to), v_->key(k),
                       m.value, txn_name(from));
  }
  return {};
}

std::string RwRegisterExplainer::explain_rw(uint32_t from, uint32_t to) const {
  const History& h = v_->history();
  for (const Mop& m : h.mops_of(h.txns[to])) {
    if (m.kind != MopKind::kWrite) continue;
    const uint32_t w = v_->final_write(to, v_->key_index_of_mop(&m - h.mops.data()));
    if (w == kNone) continue;
    const WriteRecord& rec = v_->writes()[w];
    if (rec.txn != to || !rec.final_in_txn) continue;
    const uint32_t seen = external_read_node(from, rec.key_index);
    if (seen == kNone) continue;
    const uint32_t p = v_->parent(w);
    const std::string read = fmt::format("{} read key {} = {}", txn_name(from),
                                         v_->key(rec.key_index), v_->node_text(seen));
    if (p == seen)
      return fmt::format("{}; {} read {} too and overwrote it with {} (rw)", read, txn_name(to),
                         v_->node_text(seen), rec.value);
    if (p == kNone && v_->is_nil_node(seen))
      return fmt::format("{}; {} wrote {}, which only nil is known to precede (rw)", read,
                         txn_name(to), rec.value);
  }
  return {};
}

}  // namespace isocheck
