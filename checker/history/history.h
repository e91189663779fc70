// History: the in-memory form of a recorded history, as the checker sees it.
//
// A recorded history is a sequence of events (invoke / ok / fail / info).
// Loaders pair each completion with its process's open invocation and keep
// one `Txn` per invocation, in invocation order; an invocation with no
// completion is a `kInfo` transaction that never completed. Micro-ops and
// read results live in flat pools (`mops`, `list_values`) so that ten million
// transactions fit in a few gigabytes and load without per-op allocation.
//
// Contract: `txns` is sorted by `invoke_index`; every `Txn::mop_begin` /
// `mop_count` range lies inside `mops`; every read-list range lies inside
// `list_values`. Transaction ids used everywhere in the checker are positions
// in `txns` (printed as "T<id>").
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "checker/history/epoch_mark.h"
#include "checker/history/fault.h"
#include "checker/history/session.h"

namespace isocheck {

enum class Workload : uint8_t { kUnknown, kListAppend, kRwRegister, kBank, kPredicate };

// "list-append", "rw-register", "bank", "predicate", "unknown".
const char* workload_name(Workload w);
// Parses the names above; returns kUnknown for anything else.
Workload parse_workload(std::string_view name);

enum class MopKind : uint8_t {
  kAppend,        // append `value` to list `key`
  kReadList,      // read list `key`; result in list_values[list_begin, +list_size)
  kWrite,         // write `value` to register `key`
  kReadRegister,  // read register `key`; result in `value` (or nil)
  kAdjust,        // bank: add `value` to the balance of account `key`
  // The predicate workload (rows of key, value, group); see RowMop.
  kPredicateRead,  // the rows matching a predicate
  kInsert,         // insert row `key` with `value` and a group
  kDelete,         // delete row `key`; result: the row deleted
  kUpdate,         // set row `key` to `value` and a group; result: the row replaced
  kReadRow,        // read row `key`
};

constexpr bool is_row_mop_kind(MopKind k) { return k >= MopKind::kPredicateRead; }

// A row of the predicate workload's table.
struct Row {
  int64_t key = 0;
  int64_t value = 0;
  int64_t group = 0;

  friend bool operator==(const Row&, const Row&) = default;
};

enum class PredicateKind : uint8_t { kAll, kGroup, kKeyRange };

// The predicate of a kPredicateRead, as data. `max_rows` > 0 marks an
// on-call predicate (see proto/history.proto, Predicate.max_rows).
struct Predicate {
  PredicateKind kind = PredicateKind::kAll;
  int64_t group = 0;
  int64_t key_low = 0;
  int64_t key_high = 0;
  int64_t max_rows = 0;

  bool matches(const Row& r) const {
    switch (kind) {
      case PredicateKind::kAll:
        return true;
      case PredicateKind::kGroup:
        return r.group == group;
      case PredicateKind::kKeyRange:
        return r.key >= key_low && r.key <= key_high;
    }
    return false;
  }
  friend bool operator==(const Predicate&, const Predicate&) = default;
};

// "group = 3", "key in [10, 20]", "every row".
std::string predicate_text(const Predicate& p);

// What a kPredicateRead returns: the matching rows, or one aggregate over
// them (a count, or the sum of their keys), in Mop::value.
enum class Aggregate : uint8_t { kRows, kCount, kSumKeys };

// "count(group = 3)", "sum of keys(key in [1, 9])"; the predicate's own text
// for kRows.
std::string aggregate_text(Aggregate a, const Predicate& p);

// What a predicate-workload micro-op carries beyond a Mop's key and value:
// the predicate and what is read of it (kPredicateRead), the group written
// (kInsert, kUpdate) and the rows returned (History::rows[rows_begin,
// +rows_count)) when the Mop has_result: matching rows in key order for a
// kPredicateRead of rows, the row found (none: no row) for kReadRow, kUpdate
// and kDelete. An aggregate read returns no rows: its result is Mop::value.
struct RowMop {
  Predicate predicate{};
  Aggregate aggregate = Aggregate::kRows;
  int64_t group = 0;
  uint64_t rows_begin = 0;
  uint32_t rows_count = 0;
};

// For the predicate workload's kinds (is_row_mop_kind), `list_begin` is the
// index of the micro-op's RowMop in History::row_mops and `list_size` is 0;
// `value` is the value written (kInsert, kUpdate), the result of an
// aggregate kPredicateRead that has_result, else 0.
struct Mop {
  int64_t key = 0;
  int64_t value = 0;
  uint64_t list_begin = 0;
  uint32_t list_size = 0;
  MopKind kind = MopKind::kAppend;
  // Reads only: the result is known (completions that saw it).
  bool has_result = false;
  // kReadRegister with a known result: the key had no value.
  bool is_nil = false;

  bool is_read() const {
    return kind == MopKind::kReadList || kind == MopKind::kReadRegister ||
           kind == MopKind::kPredicateRead || kind == MopKind::kReadRow;
  }
  bool is_write() const { return !is_read(); }
  // Whether a completion's copy of the micro-op carries a result.
  bool returns_rows() const {
    return is_read() || kind == MopKind::kDelete || kind == MopKind::kUpdate;
  }
};

enum class TxnStatus : uint8_t { kOk, kFail, kInfo };

inline constexpr int64_t kNeverCompleted = std::numeric_limits<int64_t>::max();

struct Txn {
  int64_t process = 0;
  int64_t invoke_ns = 0;
  // kNeverCompleted for an invocation with no completion record.
  int64_t complete_ns = kNeverCompleted;
  // Event indices as recorded in the file (not positions in `txns`).
  uint64_t invoke_index = 0;
  uint64_t complete_index = 0;  // meaningless when complete_ns == kNeverCompleted
  uint64_t mop_begin = 0;
  uint32_t mop_count = 0;
  // Index into History::errors; 0 means none.
  uint32_t error = 0;
  TxnStatus status = TxnStatus::kInfo;
  // One of the reads taken after the run, used to find lost writes.
  bool final_read = false;

  bool completed() const { return complete_ns != kNeverCompleted; }
};

struct TxnError {
  std::string sqlstate;
  std::string message;
};

struct HistoryHeader {
  uint32_t format_version = 0;
  Workload workload = Workload::kUnknown;
  std::string isolation;  // as recorded, e.g. "serializable"; may be empty
  std::string database_version;
  std::map<std::string, std::string> settings;
  uint64_t seed = 0;
  std::string tool_version;
  int64_t start_unix_ns = 0;
  int64_t bank_accounts = 0;
  int64_t bank_total = 0;
  // The SQL of each statement the runner used, by name, and its table
  // (format version 2; empty for older files and other formats' histories).
  std::map<std::string, std::string> statements;
  std::string table;
};

struct TimeRecord {
  uint64_t regressions = 0;  // events timed before an earlier event
  uint64_t first_regression_index = 0;
  bool ignored = false;  // loaded with --no-time: every time is 0
  // Whether times agree with event order and may be quoted in explanations.
  bool trusted() const { return regressions == 0 && !ignored; }
};

struct History {
  HistoryHeader header;
  std::vector<Txn> txns;
  std::vector<Mop> mops;
  std::vector<int64_t> list_values;
  // The predicate workload's micro-op details and returned rows.
  std::vector<RowMop> row_mops;
  std::vector<Row> rows;
  // errors[0] is a placeholder so that Txn::error == 0 means "no error".
  std::vector<TxnError> errors{TxnError{}};
  // The nemesis's fault starts and heals, in time order (stable: equal
  // times keep the order they were recorded in).
  std::vector<Fault> faults;
  // The epoch boundaries of a run with --epoch, in file order.
  std::vector<EpochMark> epochs;
  // Each client connection's effective isolation level, in the order
  // recorded (empty for histories recorded before sessions existed).
  std::vector<Session> sessions;
  // Recorded times only explain real-time order to a person; the checker
  // judges it by event indices, which order events totally. Jepsen's :time
  // is not monotonic across processes, so times that go backwards are
  // tolerated and counted, and then no longer shown as evidence.
  TimeRecord times;

  std::span<const Mop> mops_of(const Txn& t) const {
    return {mops.data() + t.mop_begin, t.mop_count};
  }
  std::span<const int64_t> list_of(const Mop& m) const {
    return {list_values.data() + m.list_begin, m.list_size};
  }
  const TxnError& error_of(const Txn& t) const { return errors[t.error]; }
  // Predicate-workload micro-ops only.
  const RowMop& row_mop_of(const Mop& m) const { return row_mops[m.list_begin]; }
  std::span<const Row> rows_of(const Mop& m) const {
    const RowMop& r = row_mop_of(m);
    return {rows.data() + r.rows_begin, r.rows_count};
  }
};

// The workload a history's micro-ops belong to: predicate if any
// predicate-workload micro-op, else bank if any kAdjust, else
// list-append if any append or list read, else rw-register if any register
// write or register read that returned a value (a nil or unknown read could
// be of an empty list), else the header's workload.
Workload detect_workload(const History& h);

}  // namespace isocheck
