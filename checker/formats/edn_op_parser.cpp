#include "checker/formats/edn_op_parser.h"

#include <fmt/format.h>

#include <array>

#include "checker/formats/edn_header.h"
#include "checker/formats/edn_session.h"
#include "checker/formats/elle_vocabulary.h"
#include "checker/formats/row_mop_text.h"
#include "checker/formats/utf8.h"

namespace isocheck {
namespace {

enum class OpKey {
  kType,
  kF,
  kValue,
  kTime,
  kProcess,
  kIndex,
  kError,
  kFinalRead,
  kFault,
  kTarget,
  kHeader,
  kEpoch,
  kSession
};

struct OpKeyName {
  std::string_view name;
  OpKey key;
};

constexpr std::array<OpKeyName, 13> kOpKeys{{
    {"type", OpKey::kType},
    {"value", OpKey::kValue},
    {"time", OpKey::kTime},
    {"process", OpKey::kProcess},
    {"index", OpKey::kIndex},
    {"f", OpKey::kF},
    {"error", OpKey::kError},
    {"final-read?", OpKey::kFinalRead},
    {"fault", OpKey::kFault},
    {"target", OpKey::kTarget},
    {kEdnHeaderKey, OpKey::kHeader},
    {"isocheck/epoch", OpKey::kEpoch},
    {kEdnSessionKey, OpKey::kSession},
}};

char closer_of(char open) { return open == '[' ? ']' : ')'; }

// Keys and keywords are a few bytes long; comparing inline beats a memcmp call.
bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

}  // namespace

void EdnOp::clear() {
  has_type = has_process = has_index = has_time = has_error = final_read = has_header = has_epoch =
      false;
  has_session = false;
  client = true;
  nemesis = false;
  f = {};
  fault_kind.clear();
  fault_target.clear();
  value_text.clear();
  mops.clear();
  list_values.clear();
  rows.clear();
  sqlstate.clear();
  message.clear();
  value_problem.clear();
}

void EdnOpParser::parse(EdnScanner& s, EdnOp& op) {
  op.clear();
  field_ = "op";
  char c = s.peek_in_form();
  // Tagged ops (#jepsen.history.Op{...}): the tag says nothing the map does not.
  while (c == '#') {
    s.advance();
    if (s.read_token().empty()) s.fail_expected("an op map");
    c = s.peek_in_form();
  }
  if (c != '{') s.fail_expected("an op map like {:type :invoke, ...}");
  s.advance();
  while (true) {
    c = s.peek_in_form();
    if (c == '}') {
      s.advance();
      break;
    }
    if (c != ':') {
      field_ = "op";
      s.skip_form();
      s.skip_form();
      continue;
    }
    std::string_view name = s.read_keyword("a key");
    const OpKeyName* key = nullptr;
    for (const OpKeyName& k : kOpKeys)
      if (same(k.name, name)) key = &k;
    if (!key) {
      field_ = "op";
      s.skip_form();
      continue;
    }
    field_ = key->name.data();
    switch (key->key) {
      case OpKey::kType: {
        std::string_view t = s.read_keyword(":invoke, :ok, :fail or :info");
        std::optional<EventType> type = parse_event_type(t);
        if (!type) EdnScanner::fail(fmt::format("unknown type :{}", t));
        op.type = *type;
        op.has_type = true;
        break;
      }
      case OpKey::kF:
        op.f = s.read_keyword("a keyword like :txn");
        break;
      case OpKey::kValue: {
        const char* start = s.pos();
        uint64_t line = s.line();
        op.value_line = line;
        if (s.peek_in_form() == '"') {
          s.read_string(op.value_text);
          op.value_problem = "expected a vector of micro-ops, found a string";
          break;
        }
        try {
          parse_txn(s, op);
        } catch (EdnSyntaxError& e) {
          // Not micro-ops; fine for a nemesis op, an error for a client op (decided once
          // :process is known). A real syntax error or a cut still throws from skip_form.
          op.value_problem = std::move(e.problem);
          op.mops.clear();
          op.list_values.clear();
          s.rewind(start, line);
          s.skip_form();
        }
        break;
      }
      case OpKey::kTime:
        op.time = s.read_int("an integer time");
        op.has_time = true;
        break;
      case OpKey::kProcess:
        if (s.peek_in_form() == ':') {
          op.nemesis = same(s.read_keyword("a process"), "nemesis");
          op.client = false;
        } else {
          op.process = s.read_int("an integer or keyword process");
        }
        op.has_process = true;
        break;
      case OpKey::kIndex:
        op.index = s.read_int("an integer index");
        if (op.index < 0) EdnScanner::fail(fmt::format("negative index {}", op.index));
        op.has_index = true;
        break;
      case OpKey::kError:
        parse_error(s, op);
        break;
      case OpKey::kFault:
        op.fault_kind = s.read_keyword("a fault kind like :kill");
        if (!is_valid_utf8(op.fault_kind))
          EdnScanner::fail("the keyword holds bytes that are not UTF-8");
        break;
      case OpKey::kTarget:
        if (s.peek_in_form() != '"') s.fail_expected("a string target");
        s.read_string(op.fault_target);
        break;
      case OpKey::kHeader:
        parse_edn_header(s, op.header);
        op.has_header = true;
        break;
      case OpKey::kEpoch:
        parse_epoch(s, op);
        break;
      case OpKey::kSession:
        parse_edn_session(s, op.session);
        op.has_session = true;
        break;
      case OpKey::kFinalRead: {
        std::string_view b = s.read_token();
        if (b != "true" && b != "false" && b != "nil") EdnScanner::fail("expected true or false");
        op.final_read = b == "true";
        break;
      }
    }
    field_ = "op";
  }
  field_ = "op";
}

void EdnOpParser::parse_epoch(EdnScanner& s, EdnOp& op) {
  if (s.peek_in_form() != '[') s.fail_expected("[number :open|:closed key-low key-end]");
  s.advance();
  int64_t number = s.read_int("an integer epoch number");
  if (number < 0) EdnScanner::fail(fmt::format("negative epoch number {}", number));
  op.epoch.number = static_cast<uint64_t>(number);
  std::string_view phase = s.read_keyword(":open or :closed");
  std::optional<EpochPhase> p = parse_epoch_phase(phase);
  if (!p) EdnScanner::fail(fmt::format(":{} is not :open or :closed", phase));
  op.epoch.phase = *p;
  op.epoch.key_low = s.read_int("an integer key-low");
  op.epoch.key_end = s.read_int("an integer key-end");
  if (s.peek_in_form() != ']') s.fail_expected("] after key-end");
  s.advance();
  op.has_epoch = true;
}

void EdnOpParser::parse_txn(EdnScanner& s, EdnOp& op) {
  mop_no_ = 0;
  char open = s.peek_in_form();
  if (open != '[' && open != '(') s.fail_expected("a vector of micro-ops");
  char close = closer_of(open);
  s.advance();
  while (true) {
    char c = s.peek_in_form();
    if (c == close) {
      s.advance();
      return;
    }
    try {
      parse_mop(s, op);
    } catch (EdnSyntaxError& e) {
      e.problem = fmt::format("micro-op {}: {}", mop_no_, e.problem);
      throw;
    }
    ++mop_no_;
  }
}

void EdnOpParser::parse_mop(EdnScanner& s, EdnOp& op) {
  char open = s.peek_in_form();
  if (open != '[' && open != '(') s.fail_expected("a micro-op like [:append 1 2]");
  char close = closer_of(open);
  s.advance();
  std::string_view fname = s.read_keyword(":append, :r, :w or :adjust");
  std::optional<MopKind> kind = parse_mop_function(fname);
  if (!kind) EdnScanner::fail(fmt::format("unknown micro-op function :{}", fname));
  EdnMop m;
  m.kind = *kind;
  if (m.kind == MopKind::kPredicateRead) m.aggregate = *parse_aggregate_function(fname);
  if (is_row_mop_kind(m.kind)) {
    parse_row_mop(s, op, m);
    s.expect(close, "the end of the micro-op");
    op.mops.push_back(m);
    return;
  }
  m.key = read_key(s);
  if (m.kind != MopKind::kReadRegister) {
    m.value = s.read_int("an integer value");
  } else {
    char c = s.peek_in_form();
    if (c == '[' || c == '(') {
      char list_close = closer_of(c);
      s.advance();
      m.result = EdnReadResult::kList;
      m.list_begin = static_cast<uint32_t>(op.list_values.size());
      while (s.peek_in_form() != list_close)
        op.list_values.push_back(s.read_int("an integer list element"));
      s.advance();
      m.list_size = static_cast<uint32_t>(op.list_values.size() - m.list_begin);
    } else if (s.try_read_int(m.value)) {
      m.result = EdnReadResult::kValue;
    } else {
      const char* at = s.pos();
      uint64_t line = s.line();
      if (s.read_token() != "nil") {
        s.rewind(at, line);
        s.fail_expected("nil, an integer or a list of integers");
      }
      m.result = EdnReadResult::kNil;
    }
  }
  s.expect(close, "the end of the micro-op");
  op.mops.push_back(m);
}

void EdnOpParser::parse_pair(EdnScanner& s, int64_t& a, int64_t& b) {
  if (s.peek_in_form() != '[') s.fail_expected("[value group]");
  s.advance();
  a = s.read_int("an integer value");
  b = s.read_int("an integer group");
  s.expect(']', "the end of [value group]");
}

Predicate EdnOpParser::parse_predicate(EdnScanner& s) {
  if (s.peek_in_form() != '[') s.fail_expected("a predicate like [:group 3]");
  s.advance();
  std::string_view name = s.read_keyword(":all, :group or :key-range");
  std::optional<PredicateKind> kind = parse_predicate_kind(name);
  if (!kind) EdnScanner::fail(fmt::format("unknown predicate :{}", name));
  Predicate p;
  p.kind = *kind;
  if (p.kind == PredicateKind::kGroup) {
    p.group = s.read_int("an integer group");
    if (s.peek_in_form() != ']') p.max_rows = s.read_int("an integer max-rows");
  } else if (p.kind == PredicateKind::kKeyRange) {
    p.key_low = s.read_int("an integer low key");
    p.key_high = s.read_int("an integer high key");
  }
  s.expect(']', "the end of the predicate");
  return p;
}

void EdnOpParser::parse_row_mop(EdnScanner& s, EdnOp& op, EdnMop& m) {
  if (m.kind == MopKind::kPredicateRead) {
    m.predicate = parse_predicate(s);
  } else {
    m.key = s.read_int("an integer key");
  }
  if (m.kind == MopKind::kInsert || m.kind == MopKind::kUpdate) parse_pair(s, m.value, m.group);
  if (m.kind == MopKind::kDelete) {
    const char* at = s.pos();
    uint64_t line = s.line();
    if (s.read_token() != "nil") {
      s.rewind(at, line);
      s.fail_expected("nil");
    }
  }
  if (m.kind == MopKind::kInsert) return;
  if (m.aggregate != Aggregate::kRows) {
    if (s.peek_in_form() == ']' || s.peek_in_form() == ')') return;  // unknown
    if (s.try_read_int(m.value)) {
      m.result = EdnReadResult::kValue;
      return;
    }
    const char* at = s.pos();
    uint64_t line = s.line();
    if (s.read_token() != "nil") {
      s.rewind(at, line);
      s.fail_expected("nil or the aggregate, an integer");
    }
    return;
  }
  const char c = s.peek_in_form();
  if (c != '[' && c != '(') {
    const char* at = s.pos();
    uint64_t line = s.line();
    if (c == ']' || c == ')') return;  // result left out: unknown
    if (s.read_token() != "nil") {
      s.rewind(at, line);
      s.fail_expected("nil or a vector of [key value group] rows");
    }
    return;
  }
  const char rows_close = closer_of(c);
  s.advance();
  m.result = EdnReadResult::kRows;
  m.rows_begin = static_cast<uint32_t>(op.rows.size());
  while (s.peek_in_form() != rows_close) {
    if (s.peek_in_form() != '[') s.fail_expected("a row [key value group]");
    s.advance();
    Row r;
    r.key = s.read_int("an integer key");
    r.value = s.read_int("an integer value");
    r.group = s.read_int("an integer group");
    s.expect(']', "the end of the row");
    op.rows.push_back(r);
  }
  s.advance();
  m.rows_count = static_cast<uint32_t>(op.rows.size() - m.rows_begin);
}

int64_t EdnOpParser::read_key(EdnScanner& s) {
  if (s.peek_in_form() != ':') {
    int64_t k = s.read_int("an integer or keyword key");
    if (k < 0) {
      if (!keyword_names_.empty())
        EdnScanner::fail(
            "negative integer key in a history with keyword keys (numbered -1, -2, ...)");
      saw_negative_int_key_ = true;
    }
    return k;
  }
  std::string_view name = s.read_keyword("a key");
  if (auto it = keyword_ids_.find(name); it != keyword_ids_.end()) return it->second;
  if (saw_negative_int_key_)
    EdnScanner::fail("keyword key in a history with negative integer keys");
  int64_t id = -static_cast<int64_t>(keyword_names_.size()) - 1;
  keyword_names_.emplace_back(name);
  keyword_ids_.emplace(std::string(name), id);
  return id;
}

void EdnOpParser::parse_error(EdnScanner& s, EdnOp& op) {
  op.has_error = true;
  char c = s.peek_in_form();
  if (c == '"') {
    s.read_string(op.message);
    return;
  }
  if (c == '[' && try_parse_sqlstate_error(s, op)) return;
  // Anything else (a keyword, a map of details ...) is kept as the text it was written as.
  const char* start = s.pos();
  s.skip_form();
  op.message.assign(start, s.pos());
  if (!is_valid_utf8(op.message)) EdnScanner::fail("the form holds bytes that are not UTF-8");
}

bool EdnOpParser::try_parse_sqlstate_error(EdnScanner& s, EdnOp& op) {
  const char* start = s.pos();
  uint64_t line = s.line();
  try {
    s.advance();
    if (s.peek_in_form() != ':' || s.read_keyword("") != "sqlstate") throw EdnSyntaxError{};
    s.read_string(op.sqlstate);
    s.read_string(op.message);
    s.expect(']', "]");
    return true;
  } catch (EdnSyntaxError&) {
    op.sqlstate.clear();
    op.message.clear();
    s.rewind(start, line);
    return false;
  }
}

}  // namespace isocheck
