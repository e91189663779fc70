// EdnOpParser: reads one Jepsen op map, e.g.
//   {:type :ok, :f :txn, :value [[:append 9 1] [:r 8 [1 2 4]]],
//    :time 3291485317, :process 0, :index 1}
// into a reusable EdnOp, straight from the scanner (no value tree).
//
// Keys the checker needs are parsed; every other key (:node, :cause ...)
// is skipped whatever its value. Micro-ops are [:append k v], [:w k v],
// [:adjust k v] and [:r k result] with result nil, an integer (register) or
// a vector / list of integers (list); vectors and lists are interchangeable;
// and the predicate workload's micro-ops (row_mop_text.h).
// Keys may be integers or keywords; keywords are numbered -1, -2, ... in
// order of first appearance (keyword_keys() lists them), which is why
// keyword keys and negative integer keys cannot share a history.
// A :value that is not a list of micro-ops is skipped and recorded in
// EdnOp::value_problem, because a :nemesis op's value may be anything and
// :process can come after :value.
// isocheck's own fault records are :nemesis ops of type :info with
//   :f :start or :stop, :fault :<kind>, :target "<node>", :value "<detail>";
// the parser keeps those three keys for the reader to turn into a Fault.
// isocheck's header op carries :isocheck/header (edn_header.h); an epoch
// mark is {:type :info, :process :isocheck, :f :epoch, :isocheck/epoch
// [number :open|:closed key-low key-end], :time ns}.
//
// parse() throws what the scanner throws (EdnNeedMore, EdnSyntaxError);
// field() then names the key being read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/formats/edn_scanner.h"
#include "checker/history/history.h"
#include "checker/history/history_builder.h"
#include "checker/history/session.h"
#include "proto/history.pb.h"

namespace isocheck {

// kRows: a predicate-workload micro-op's returned rows (row_mop_text.h).
enum class EdnReadResult : uint8_t { kNone, kNil, kValue, kList, kRows };

struct EdnMop {
  MopKind kind = MopKind::kAppend;  // reads are kReadRegister until the result says otherwise
  EdnReadResult result = EdnReadResult::kNone;
  int64_t key = 0;
  int64_t value = 0;
  uint32_t list_begin = 0;
  uint32_t list_size = 0;
  // Predicate workload: the predicate, the group written, and the rows
  // returned (EdnOp::rows[rows_begin, +rows_count)).
  // An aggregate's result is `value`, with `result` kValue.
  Predicate predicate{};
  Aggregate aggregate = Aggregate::kRows;
  int64_t group = 0;
  uint32_t rows_begin = 0;
  uint32_t rows_count = 0;
};

struct EdnOp {
  bool has_type = false, has_process = false, has_index = false, has_time = false;
  bool has_error = false, final_read = false;
  bool has_header = false;   // :isocheck/header (edn_header.h); `header` holds it
  bool has_epoch = false;    // :isocheck/epoch; `epoch` holds it
  bool has_session = false;  // :isocheck/session (edn_session.h); `session` holds it
  bool client = true;        // false for :process :nemesis and other keyword processes
  bool nemesis = false;      // :process :nemesis
  EventType type = EventType::kInvoke;
  int64_t process = 0;
  int64_t index = 0;
  int64_t time = 0;
  std::string_view f;  // keyword name after :f, empty if absent; points into the buffer
  std::vector<EdnMop> mops;
  std::vector<int64_t> list_values;
  std::vector<Row> rows;
  std::string sqlstate, message;
  std::string value_problem;  // non-empty when :value was not micro-ops
  std::string value_text;     // :value when it was a string
  std::string fault_kind;     // :fault's keyword name
  std::string fault_target;   // :target's string
  uint64_t value_line = 0;
  proto::Header header;
  EpochMark epoch;
  Session session;

  void clear();
};

class EdnOpParser {
 public:
  void parse(EdnScanner& s, EdnOp& op);
  const char* field() const { return field_; }
  const std::vector<std::string>& keyword_keys() const { return keyword_names_; }

 private:
  void parse_txn(EdnScanner& s, EdnOp& op);
  void parse_epoch(EdnScanner& s, EdnOp& op);
  void parse_mop(EdnScanner& s, EdnOp& op);
  void parse_row_mop(EdnScanner& s, EdnOp& op, EdnMop& m);
  Predicate parse_predicate(EdnScanner& s);
  // An integer pair [a b]: an insert's or update's value and group.
  void parse_pair(EdnScanner& s, int64_t& a, int64_t& b);
  void parse_error(EdnScanner& s, EdnOp& op);
  bool try_parse_sqlstate_error(EdnScanner& s, EdnOp& op);
  int64_t read_key(EdnScanner& s);

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
  };
  std::unordered_map<std::string, int64_t, StringHash, std::equal_to<>> keyword_ids_;
  std::vector<std::string> keyword_names_;
  bool saw_negative_int_key_ = false;
  const char* field_ = "op";
  size_t mop_no_ = 0;
};

}  // namespace isocheck
