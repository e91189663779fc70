// HistoryDsl: builds small histories for checker tests in a few readable
// lines, through the same HistoryBuilder every loader uses.
//
//   using namespace isocheck::testing;
//   HistoryDsl h;
//   uint32_t t0 = h.ok(0, {append(1, 1), read_list(2, {1})});  // invoke + ok
//   h.fail(1, {append(1, 9)});                                 // invoke + fail
//   h.info(2, {write(3, 4)});                                  // invoke + info
//   uint32_t t3 = h.invoke(3, {read(3, 4)});   // concurrent: invoke now ...
//   h.ok(4, {write(3, 5)});                    // ... others run meanwhile ...
//   h.complete_ok(t3);                         // ... complete later
//   h.final_read(5, {read_list(1, {1})});      // an ok read taken after the run
//   History hist = h.build();
//
// Every call returns the transaction's id (its position in History::txns,
// i.e. its invocation order, as the checker prints "T<id>"). Each event gets
// the next index and a time 1000 ns after the previous one, so a transaction
// completed before another was invoked is ordered before it in real time.
// Read results given in micro-ops reach the checker only through ok
// completions; fail and info completions keep the reads unknown. A process
// may not invoke again before its open transaction completes; misuse throws
// std::logic_error with the builder's message.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <vector>

#include "checker/history/history.h"
#include "checker/history/history_builder.h"

namespace isocheck::testing {

// One micro-op with its result, for the DSL.
struct DslMop {
  MopKind kind = MopKind::kAppend;
  int64_t key = 0;
  int64_t value = 0;
  std::vector<int64_t> list;
  bool is_nil = false;
  // Predicate workload: the predicate, the group written, the rows returned.
  Predicate predicate{};
  int64_t group = 0;
  std::vector<Row> rows{};
  Aggregate aggregate = Aggregate::kRows;  // result in `value`

  bool is_read_kind() const { return kind == MopKind::kReadList || kind == MopKind::kReadRegister; }
};

DslMop append(int64_t key, int64_t value);
DslMop read_list(int64_t key, std::vector<int64_t> list);
DslMop write(int64_t key, int64_t value);
DslMop read(int64_t key, int64_t value);  // register read returning `value`
DslMop read_nil(int64_t key);             // register read returning nil
DslMop adjust(int64_t account, int64_t amount);
// The predicate workload: a predicate read of a group or a key range and the
// rows it returned; point read, insert, update and delete, the last three
// with the row they found (none: no row).
DslMop read_group(int64_t group, std::vector<Row> rows, int64_t max_rows = 0);
DslMop read_range(int64_t low, int64_t high, std::vector<Row> rows);
DslMop read_all_rows(std::vector<Row> rows);
// count(*) / sum(k) over a predicate built as above (its rows are ignored).
DslMop count_of(DslMop predicate_read, int64_t count);
DslMop sum_keys_of(DslMop predicate_read, int64_t sum);
DslMop read_row(int64_t key, std::vector<Row> found);
DslMop insert(int64_t key, int64_t value, int64_t group);
DslMop update(int64_t key, int64_t value, int64_t group, std::vector<Row> found);
DslMop remove(int64_t key, std::vector<Row> found);

class HistoryDsl {
 public:
  HistoryDsl() = default;

  // Header fields (workload, bank_total, ...), set before build().
  HistoryHeader& header() { return builder_.header(); }

  uint32_t ok(int64_t process, std::vector<DslMop> mops);
  uint32_t fail(int64_t process, std::vector<DslMop> mops);
  uint32_t info(int64_t process, std::vector<DslMop> mops);
  // An ok transaction marked as a final read (taken after the run).
  uint32_t final_read(int64_t process, std::vector<DslMop> mops);

  // Invokes without completing; complete with one of the calls below, or
  // never (the transaction then stays info with no completion).
  uint32_t invoke(int64_t process, std::vector<DslMop> mops);
  void complete_ok(uint32_t txn);
  void complete_fail(uint32_t txn);
  void complete_info(uint32_t txn);

  // An epoch mark (`isocheck run --epoch`) after the events so far: open
  // (key_end ignored) or closed, timed like the next event would be.
  void open_epoch(uint64_t number, int64_t key_low);
  void close_epoch(uint64_t number, int64_t key_low, int64_t key_end);

  History build();

 private:
  void epoch(EpochMark mark);
  struct Open {
    int64_t process;
    std::vector<DslMop> mops;
    bool final_read;
  };
  uint32_t invoke_marked(int64_t process, std::vector<DslMop> mops, bool final_read);
  void complete(uint32_t txn, EventType type);
  void emit(EventType type, int64_t process, const std::vector<DslMop>& mops, bool with_results,
            bool final_read);

  HistoryBuilder builder_;
  std::unordered_map<uint32_t, Open> open_;
  uint32_t invoked_ = 0;
  uint64_t index_ = 0;
  int64_t time_ns_ = 0;
};

}  // namespace isocheck::testing
