#include "checker/history/history_builder.h"

#include <fmt/format.h>

#include <algorithm>

namespace isocheck {

const char* event_type_name(EventType t) {
  switch (t) {
    case EventType::kInvoke:
      return "invoke";
    case EventType::kOk:
      return "ok";
    case EventType::kFail:
      return "fail";
    case EventType::kInfo:
      return "info";
  }
  return "?";
}

uint32_t& HistoryBuilder::open_txn_of(int64_t process) {
  uint32_t slot = process_slot_.insert(process, 0, static_cast<uint32_t>(open_txn_.size()));
  if (slot == open_txn_.size()) open_txn_.push_back(kNoOpenTxn);
  return open_txn_[slot];
}

void HistoryBuilder::begin_event(const EventHead& head) {
  head_ = head;
  scratch_mops_.clear();
  scratch_list_begin_ = history_.list_values.size();
  scratch_rows_begin_ = history_.rows.size();
  scratch_error_ = {};
  scratch_final_read_ = false;
}

void HistoryBuilder::add_mop(MopKind kind, int64_t key, int64_t value) {
  Mop m;
  m.kind = kind;
  m.key = key;
  m.value = m.is_read() ? 0 : value;
  scratch_mops_.push_back(m);
}

void HistoryBuilder::add_list_read(int64_t key, std::span<const int64_t> list) {
  begin_list_read(key);
  for (int64_t v : list) push_list_value(v);
}

void HistoryBuilder::begin_list_read(int64_t key) {
  Mop m;
  m.kind = MopKind::kReadList;
  m.key = key;
  m.has_result = true;
  m.list_begin = history_.list_values.size();
  scratch_mops_.push_back(m);
}

void HistoryBuilder::push_list_value(int64_t v) {
  history_.list_values.push_back(v);
  ++scratch_mops_.back().list_size;
}

void HistoryBuilder::add_register_read(int64_t key, int64_t value, bool is_nil) {
  Mop m;
  m.kind = MopKind::kReadRegister;
  m.key = key;
  m.value = is_nil ? 0 : value;
  m.has_result = true;
  m.is_nil = is_nil;
  scratch_mops_.push_back(m);
}

void HistoryBuilder::add_row_mop(MopKind kind, int64_t key, int64_t value,
                                 const Predicate& predicate, int64_t group, bool has_result) {
  Mop m;
  m.kind = kind;
  m.key = kind == MopKind::kPredicateRead ? 0 : key;
  m.value = kind == MopKind::kInsert || kind == MopKind::kUpdate ? value : 0;
  m.has_result = has_result && m.returns_rows();
  m.list_begin = history_.row_mops.size();
  RowMop r;
  if (kind == MopKind::kPredicateRead) r.predicate = predicate;
  if (kind == MopKind::kInsert || kind == MopKind::kUpdate) r.group = group;
  r.rows_begin = history_.rows.size();
  history_.row_mops.push_back(r);
  scratch_mops_.push_back(m);
}

void HistoryBuilder::add_aggregate_read(const Predicate& predicate, Aggregate aggregate,
                                        bool has_result, int64_t result) {
  add_row_mop(MopKind::kPredicateRead, 0, 0, predicate, 0, has_result);
  history_.row_mops.back().aggregate = aggregate;
  if (has_result) scratch_mops_.back().value = result;
}

void HistoryBuilder::push_row(const Row& row) {
  history_.rows.push_back(row);
  ++history_.row_mops.back().rows_count;
}

void HistoryBuilder::set_error(std::string_view sqlstate, std::string_view message) {
  scratch_error_ = {std::string(sqlstate), std::string(message)};
}

void HistoryBuilder::set_final_read() { scratch_final_read_ = true; }

std::optional<std::string> HistoryBuilder::end_event() {
  ++events_;
  if (have_prev_ && head_.index <= prev_index_)
    return fmt::format("index: {} does not follow {}", head_.index, prev_index_);
  if (have_prev_ && head_.time_ns < prev_time_) {
    if (history_.times.regressions++ == 0) history_.times.first_regression_index = head_.index;
  } else {
    prev_time_ = head_.time_ns;
  }
  have_prev_ = true;
  prev_index_ = head_.index;

  if (head_.type == EventType::kInvoke) {
    uint32_t& open = open_txn_of(head_.process);
    if (open != kNoOpenTxn)
      return fmt::format("process: {} invoked again before its previous invocation completed",
                         head_.process);
    // Values parsed into an invocation's read results are meaningless; keep
    // the pool free of them.
    for (Mop& m : scratch_mops_) {
      if (m.kind == MopKind::kReadList) m.list_size = 0;
      if (is_row_mop_kind(m.kind)) history_.row_mops[m.list_begin].rows_count = 0;
      if (m.kind == MopKind::kPredicateRead) m.value = 0;
      m.has_result = false;
      m.is_nil = false;
    }
    history_.list_values.resize(scratch_list_begin_);
    history_.rows.resize(scratch_rows_begin_);
    Txn t;
    t.process = head_.process;
    t.invoke_ns = head_.time_ns;
    t.invoke_index = head_.index;
    t.mop_begin = history_.mops.size();
    t.mop_count = static_cast<uint32_t>(scratch_mops_.size());
    t.final_read = scratch_final_read_;
    history_.mops.insert(history_.mops.end(), scratch_mops_.begin(), scratch_mops_.end());
    open = static_cast<uint32_t>(history_.txns.size());
    history_.txns.push_back(t);
    return std::nullopt;
  }

  uint32_t& open = open_txn_of(head_.process);
  if (open == kNoOpenTxn)
    return fmt::format("process: {} completed ({}) without an open invocation", head_.process,
                       event_type_name(head_.type));
  Txn& t = history_.txns[open];
  open = kNoOpenTxn;

  if (!scratch_mops_.empty()) {
    if (scratch_mops_.size() != t.mop_count)
      return fmt::format("value: completion has {} micro-ops, its invocation (index {}) has {}",
                         scratch_mops_.size(), t.invoke_index, t.mop_count);
    for (size_t i = 0; i < scratch_mops_.size(); ++i) {
      const Mop& c = scratch_mops_[i];
      Mop& inv = history_.mops[t.mop_begin + i];
      // Reads compare as reads: an invocation's `[:r k nil]` says nothing about
      // whether k holds a list or a register.
      const bool row_mop = is_row_mop_kind(c.kind);
      bool same_kind = c.is_read() && !row_mop ? inv.is_read() && !is_row_mop_kind(inv.kind)
                                               : c.kind == inv.kind;
      if (same_kind && row_mop) {
        const RowMop& cr = history_.row_mops[c.list_begin];
        const RowMop& ir = history_.row_mops[inv.list_begin];
        same_kind =
            cr.predicate == ir.predicate && cr.aggregate == ir.aggregate && cr.group == ir.group;
      }
      if (!same_kind || c.key != inv.key || (c.is_write() && c.value != inv.value))
        return fmt::format("value: micro-op {} differs from its invocation's (index {})", i,
                           t.invoke_index);
      if (c.returns_rows()) inv = c;
    }
  }
  t.complete_ns = head_.time_ns;
  t.complete_index = head_.index;
  t.status = head_.type == EventType::kOk     ? TxnStatus::kOk
             : head_.type == EventType::kFail ? TxnStatus::kFail
                                              : TxnStatus::kInfo;
  t.final_read = t.final_read || scratch_final_read_;
  if (!scratch_error_.sqlstate.empty() || !scratch_error_.message.empty()) {
    t.error = static_cast<uint32_t>(history_.errors.size());
    history_.errors.push_back(std::move(scratch_error_));
  }
  return std::nullopt;
}

std::optional<std::string> HistoryBuilder::add_session(Session session) {
  if (session.level.empty()) return std::string("session.level: missing");
  history_.sessions.push_back(std::move(session));
  return std::nullopt;
}

std::optional<std::string> HistoryBuilder::add_fault(Fault fault) {
  if (fault.kind.empty()) return std::string("fault.kind: missing");
  // The kind is written as an EDN keyword and a CSS class: keep it a plain name.
  for (char c : fault.kind)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return fmt::format("fault.kind: \"{}\" is not a name of a-z, 0-9 and '-'", fault.kind);
  history_.faults.push_back(std::move(fault));
  return std::nullopt;
}

std::optional<std::string> HistoryBuilder::add_epoch(EpochMark mark) {
  const EpochMark* previous = history_.epochs.empty() ? nullptr : &history_.epochs.back();
  if (auto problem = epoch_sequence_problem(previous, mark)) return problem;
  mark.events_before = events_;
  history_.epochs.push_back(mark);
  return std::nullopt;
}

History HistoryBuilder::finish() && {
  std::stable_sort(history_.faults.begin(), history_.faults.end(),
                   [](const Fault& a, const Fault& b) { return a.time_ns < b.time_ns; });
  return std::move(history_);
}

}  // namespace isocheck
