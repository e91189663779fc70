// HistoryBuilder: turns a stream of events, as any loader reads them, into a
// History of transactions.
//
// Every loader (protobuf, JSON lines, EDN) parses one event at a time and
// feeds it here, so pairing and validation rules are the same whatever the
// format. Use:
//
//   builder.begin_event({index, process, type, time_ns});
//   builder.add_mop(...);            // zero or more
//   builder.set_error(...);          // optional, completions only
//   if (auto err = builder.end_event()) { /* *err names the field */ }
//   History h = std::move(builder).finish();
//
// Rules (violations are reported by end_event as a one-line message naming
// the field, e.g. "process: completion without an open invocation"):
//  - an invocation opens a transaction for its process; a process with an
//    open invocation may not invoke again;
//  - ok / fail / info closes the open invocation of its process;
//  - a completion's micro-ops, when present, must match the invocation's in
//    number, kind (any list or register read matches any such read), key,
//    written value, predicate and written group; micro-ops that return
//    something take their kind and results from the completion; a
//    completion without micro-ops keeps the invocation's;
//  - `index` strictly increases. A `time_ns` before an earlier event's is
//    not an error (Jepsen's clocks are per process): it is counted in
//    History::times and real-time order keeps following the indices.
// finish() turns invocations that never completed into kInfo transactions
// with complete_ns == kNeverCompleted, and sorts faults by time (they come
// from the nemesis's own thread, so their times may interleave with events
// out of record order).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "checker/common/pair_index.h"
#include "checker/history/history.h"

namespace isocheck {

enum class EventType : uint8_t { kInvoke, kOk, kFail, kInfo };

const char* event_type_name(EventType t);  // "invoke", "ok", "fail", "info"

struct EventHead {
  uint64_t index = 0;
  int64_t process = 0;
  EventType type = EventType::kInvoke;
  int64_t time_ns = 0;
};

class HistoryBuilder {
 public:
  HistoryBuilder() = default;

  HistoryHeader& header() { return history_.header; }

  void begin_event(const EventHead& head);
  // Writes and unknown reads (value ignored for reads).
  void add_mop(MopKind kind, int64_t key, int64_t value);
  // A list read with its result.
  void add_list_read(int64_t key, std::span<const int64_t> list);
  // A list read whose result is being parsed element by element: call
  // begin_list_read, then push_list_value for each element.
  void begin_list_read(int64_t key);
  void push_list_value(int64_t v);
  // A register read with a known result; nil when is_nil.
  void add_register_read(int64_t key, int64_t value, bool is_nil);
  // A predicate-workload micro-op; with `has_result`, push_row then adds
  // each row it returned, in order.
  void add_row_mop(MopKind kind, int64_t key, int64_t value, const Predicate& predicate,
                   int64_t group, bool has_result);
  // An aggregate over a predicate; `result` counts only with `has_result`.
  void add_aggregate_read(const Predicate& predicate, Aggregate aggregate, bool has_result,
                          int64_t result);
  void push_row(const Row& row);
  void set_error(std::string_view sqlstate, std::string_view message);
  void set_final_read();

  // Records a fault phase; independent of the event being built. Returns a
  // message naming the field when the kind is empty or not a plain name
  // (a-z, 0-9, '-').
  std::optional<std::string> add_fault(Fault fault);
  // Records a connection's effective isolation level; independent of the
  // event being built. Returns a problem ("session.level: missing") or
  // nullopt.
  std::optional<std::string> add_session(Session session);

  // Records an epoch mark after the events ended so far (its events_before
  // is set here). Returns a message naming the field when it does not
  // follow the marks before it (epoch_sequence_problem).
  std::optional<std::string> add_epoch(EpochMark mark);

  // Validates and records the event begun last. Returns a message naming the
  // offending field on bad input; the builder is then unusable.
  std::optional<std::string> end_event();

  size_t event_count() const { return events_; }

  History finish() &&;

 private:
  History history_;
  EventHead head_;
  std::vector<Mop> scratch_mops_;  // mops of the event being built
  size_t scratch_list_begin_ = 0;  // where this event's list values start
  size_t scratch_rows_begin_ = 0;  // where this event's returned rows start
  TxnError scratch_error_;
  bool scratch_final_read_ = false;
  bool have_prev_ = false;
  uint64_t prev_index_ = 0;
  int64_t prev_time_ = 0;
  size_t events_ = 0;
  // process -> a slot in open_txn_; slot -> position in history_.txns of the
  // process's open invocation, or kNoOpenTxn. Flat arrays rather than a
  // node-based map: loaders call this once per event, tens of millions of
  // times.
  static constexpr uint32_t kNoOpenTxn = UINT32_MAX;
  PairIndex process_slot_;
  std::vector<uint32_t> open_txn_;
  uint32_t& open_txn_of(int64_t process);
};

}  // namespace isocheck
