#include "tests/support/history_dsl.h"

#include <stdexcept>
#include <utility>

namespace isocheck::testing {

DslMop append(int64_t key, int64_t value) { return {MopKind::kAppend, key, value, {}, false}; }
DslMop read_list(int64_t key, std::vector<int64_t> list) {
  return {MopKind::kReadList, key, 0, std::move(list), false};
}
DslMop write(int64_t key, int64_t value) { return {MopKind::kWrite, key, value, {}, false}; }
DslMop read(int64_t key, int64_t value) { return {MopKind::kReadRegister, key, value, {}, false}; }
DslMop read_nil(int64_t key) { return {MopKind::kReadRegister, key, 0, {}, true}; }
DslMop adjust(int64_t account, int64_t amount) {
  return {MopKind::kAdjust, account, amount, {}, false};
}

namespace {
DslMop row_mop(MopKind kind, int64_t key, int64_t value, int64_t group, std::vector<Row> rows) {
  DslMop m;
  m.kind = kind;
  m.key = key;
  m.value = value;
  m.group = group;
  m.rows = std::move(rows);
  return m;
}
}  // namespace

DslMop read_group(int64_t group, std::vector<Row> rows, int64_t max_rows) {
  DslMop m = row_mop(MopKind::kPredicateRead, 0, 0, 0, std::move(rows));
  m.predicate = {PredicateKind::kGroup, group, 0, 0, max_rows};
  return m;
}
DslMop read_range(int64_t low, int64_t high, std::vector<Row> rows) {
  DslMop m = row_mop(MopKind::kPredicateRead, 0, 0, 0, std::move(rows));
  m.predicate = {PredicateKind::kKeyRange, 0, low, high, 0};
  return m;
}
DslMop read_all_rows(std::vector<Row> rows) {
  return row_mop(MopKind::kPredicateRead, 0, 0, 0, std::move(rows));
}
DslMop count_of(DslMop predicate_read, int64_t count) {
  predicate_read.aggregate = Aggregate::kCount;
  predicate_read.value = count;
  predicate_read.rows.clear();
  return predicate_read;
}
DslMop sum_keys_of(DslMop predicate_read, int64_t sum) {
  predicate_read.aggregate = Aggregate::kSumKeys;
  predicate_read.value = sum;
  predicate_read.rows.clear();
  return predicate_read;
}
DslMop read_row(int64_t key, std::vector<Row> found) {
  return row_mop(MopKind::kReadRow, key, 0, 0, std::move(found));
}
DslMop insert(int64_t key, int64_t value, int64_t group) {
  return row_mop(MopKind::kInsert, key, value, group, {});
}
DslMop update(int64_t key, int64_t value, int64_t group, std::vector<Row> found) {
  return row_mop(MopKind::kUpdate, key, value, group, std::move(found));
}
DslMop remove(int64_t key, std::vector<Row> found) {
  return row_mop(MopKind::kDelete, key, 0, 0, std::move(found));
}

uint32_t HistoryDsl::ok(int64_t process, std::vector<DslMop> mops) {
  uint32_t t = invoke(process, std::move(mops));
  complete_ok(t);
  return t;
}

uint32_t HistoryDsl::fail(int64_t process, std::vector<DslMop> mops) {
  uint32_t t = invoke(process, std::move(mops));
  complete_fail(t);
  return t;
}

uint32_t HistoryDsl::info(int64_t process, std::vector<DslMop> mops) {
  uint32_t t = invoke(process, std::move(mops));
  complete_info(t);
  return t;
}

uint32_t HistoryDsl::final_read(int64_t process, std::vector<DslMop> mops) {
  uint32_t t = invoke_marked(process, std::move(mops), true);
  complete_ok(t);
  return t;
}

uint32_t HistoryDsl::invoke(int64_t process, std::vector<DslMop> mops) {
  return invoke_marked(process, std::move(mops), false);
}

uint32_t HistoryDsl::invoke_marked(int64_t process, std::vector<DslMop> mops, bool final_read) {
  emit(EventType::kInvoke, process, mops, false, final_read);
  uint32_t t = invoked_++;
  open_.emplace(t, Open{process, std::move(mops), final_read});
  return t;
}

void HistoryDsl::complete_ok(uint32_t txn) { complete(txn, EventType::kOk); }
void HistoryDsl::complete_fail(uint32_t txn) { complete(txn, EventType::kFail); }
void HistoryDsl::complete_info(uint32_t txn) { complete(txn, EventType::kInfo); }

void HistoryDsl::complete(uint32_t txn, EventType type) {
  auto it = open_.find(txn);
  if (it == open_.end())
    throw std::logic_error("HistoryDsl: T" + std::to_string(txn) + " is not open");
  Open open = std::move(it->second);
  open_.erase(it);
  emit(type, open.process, open.mops, type == EventType::kOk, open.final_read);
}

void HistoryDsl::emit(EventType type, int64_t process, const std::vector<DslMop>& mops,
                      bool with_results, bool final_read) {
  time_ns_ += 1000;
  builder_.begin_event({index_++, process, type, time_ns_});
  // fail / info completions carry no micro-ops, so reads stay unknown.
  if (type == EventType::kInvoke || with_results) {
    for (const DslMop& m : mops) {
      if (m.kind == MopKind::kPredicateRead && m.aggregate != Aggregate::kRows) {
        builder_.add_aggregate_read(m.predicate, m.aggregate, with_results, m.value);
      } else if (is_row_mop_kind(m.kind)) {
        builder_.add_row_mop(m.kind, m.key, m.value, m.predicate, m.group, with_results);
        if (with_results && m.kind != MopKind::kInsert)
          for (const Row& r : m.rows) builder_.push_row(r);
      } else if (!with_results || !m.is_read_kind()) {
        builder_.add_mop(m.kind, m.key, m.value);
      } else if (m.kind == MopKind::kReadList) {
        builder_.add_list_read(m.key, m.list);
      } else {
        builder_.add_register_read(m.key, m.value, m.is_nil);
      }
    }
  }
  if (final_read) builder_.set_final_read();
  if (auto err = builder_.end_event()) throw std::logic_error("HistoryDsl: " + *err);
}

void HistoryDsl::epoch(EpochMark mark) {
  mark.time_ns = time_ns_;
  if (auto problem = builder_.add_epoch(mark)) throw std::logic_error(*problem);
}

void HistoryDsl::open_epoch(uint64_t number, int64_t key_low) {
  epoch({number, EpochPhase::kOpen, key_low, key_low, 0, 0});
}

void HistoryDsl::close_epoch(uint64_t number, int64_t key_low, int64_t key_end) {
  epoch({number, EpochPhase::kClosed, key_low, key_end, 0, 0});
}

History HistoryDsl::build() { return std::move(builder_).finish(); }

}  // namespace isocheck::testing
