#include "checker/formats/jsonl_history_reader.h"

#include <fmt/format.h>

#include <array>
#include <cstring>
#include <nlohmann/json.hpp>

#include "checker/formats/elle_vocabulary.h"
#include "checker/formats/file_chunk_reader.h"
#include "checker/formats/json_nesting.h"
#include "checker/formats/load_error.h"
#include "checker/formats/protobuf_history_schema.h"
#include "checker/formats/row_mop_text.h"
#include "checker/history/history_builder.h"

namespace isocheck {
namespace {

using nlohmann::json;

class JsonlHistoryReader {
 public:
  JsonlHistoryReader(const std::string& path, std::vector<std::string>& warnings)
      : path_(path), warnings_(warnings), in_(path) {}

  History read() {
    if (in_.data() == in_.data_end() && in_.at_eof())
      throw LoadError(path_, "byte 0", "file", "is empty");
    const char* p = in_.data();
    size_t searched = 0;  // bytes after p already known to hold no newline
    while (true) {
      const char* from = p + searched;
      const char* nl = static_cast<const char*>(std::memchr(from, '\n', in_.data_end() - from));
      if (!nl) {
        searched = static_cast<size_t>(in_.data_end() - p);
        if (searched > kMaxJsonlLineBytes)
          throw LoadError(path_, fmt::format("line {}", line_no_ + 1), "json",
                          fmt::format("longer than {} MiB without a newline (the limit for one "
                                      "line; corrupt or not JSON lines?)",
                                      kMaxJsonlLineBytes >> 20));
        if (in_.refill(p)) continue;
      }
      ++line_no_;
      const char* stop = nl ? nl : in_.data_end();
      std::string_view line(p, stop - p);
      if (line.find_first_not_of(" \t\r") != std::string_view::npos) handle_line(line, !nl);
      if (!nl) break;
      p = nl + 1;
      searched = 0;
    }
    if (builder_.event_count() == 0) warnings_.push_back(path_ + ": holds no events");
    return std::move(builder_).finish();
  }

 private:
  std::string where() const { return fmt::format("line {}", line_no_); }
  [[noreturn]] void fail(std::string_view field, std::string_view problem) const {
    throw LoadError(path_, where(), field, problem);
  }

  void handle_line(std::string_view line, bool last_without_newline) {
    if (auto deep = find_json_nesting_excess(line, kMaxJsonlNesting))
      fail(deep->key.empty() ? "json" : deep->key,
           fmt::format("nested more than {} levels deep at byte {} of the line", kMaxJsonlNesting,
                       deep->offset));
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      fail("json", last_without_newline
                       ? "the file ends inside this line, or it is not valid JSON (cut?)"
                       : "not valid JSON");
    }
    if (!j.is_object()) fail("json", "a line must hold a JSON object");
    if (j.contains("header")) {
      if (builder_.event_count() > 0 || saw_header_)
        fail("header", "only the first line may be a header");
      saw_header_ = true;
      read_header(j["header"]);
      return;
    }
    if (auto fault = j.find("fault"); fault != j.end()) {
      read_fault(*fault);
      return;
    }
    if (auto epoch = j.find("epoch"); epoch != j.end()) {
      read_epoch(*epoch);
      return;
    }
    if (auto session = j.find("session"); session != j.end()) {
      read_session(*session);
      return;
    }
    read_event(j);
  }

  int64_t int_field(const json& j, std::string_view field) const {
    if (!j.is_number_integer() ||
        (j.is_number_unsigned() && j.get<uint64_t>() > uint64_t{INT64_MAX}))
      fail(field, fmt::format("expected a 64-bit integer, found {}", j.dump()));
    return j.get<int64_t>();
  }

  std::string string_field(const json& j, std::string_view field) const {
    if (!j.is_string()) fail(field, fmt::format("expected a string, found {}", j.dump()));
    return j.get<std::string>();
  }

  void read_header(const json& h) {
    if (!h.is_object()) fail("header", "expected an object");
    proto::Header ph;
    ph.set_magic(std::string(kHistoryMagic));
    ph.set_format_version(kHistoryFormatVersion);
    for (const auto& [key, v] : h.items()) {
      std::string field = "header." + key;
      if (key == "magic")
        ph.set_magic(string_field(v, field));
      else if (key == "format_version")
        ph.set_format_version(static_cast<uint32_t>(int_field(v, field)));
      else if (key == "workload")
        ph.set_workload(string_field(v, field));
      else if (key == "isolation")
        ph.set_isolation(string_field(v, field));
      else if (key == "database_version")
        ph.set_database_version(string_field(v, field));
      else if (key == "tool_version")
        ph.set_tool_version(string_field(v, field));
      else if (key == "seed")
        ph.set_seed(static_cast<uint64_t>(int_field(v, field)));
      else if (key == "start_unix_ns")
        ph.set_start_unix_ns(int_field(v, field));
      else if (key == "bank_accounts")
        ph.set_bank_accounts(int_field(v, field));
      else if (key == "bank_total")
        ph.set_bank_total(int_field(v, field));
      else if (key == "table")
        ph.set_table(string_field(v, field));
      else if (key == "settings" || key == "statements") {
        if (!v.is_object()) fail(field, "expected an object of strings");
        auto& map = key == "settings" ? *ph.mutable_settings() : *ph.mutable_statements();
        for (const auto& [name, value] : v.items())
          map[name] = string_field(value, field + "." + name);
      }
    }
    header_from_proto(ph, builder_.header(), path_, where());
  }

  // {"session": {"process": 3, "backend_pid": 4711, "level": "read committed", "time": ns}}
  void read_session(const json& j) {
    if (!j.is_object()) fail("session", "expected an object");
    Session session;
    auto process = j.find("process");
    if (process == j.end()) fail("session.process", "missing");
    session.process = int_field(*process, "session.process");
    if (auto pid = j.find("backend_pid"); pid != j.end()) {
      int64_t value = int_field(*pid, "session.backend_pid");
      if (value < 0 || value > INT32_MAX)
        fail("session.backend_pid", fmt::format("{} is not a process id", value));
      session.backend_pid = static_cast<int32_t>(value);
    }
    auto level = j.find("level");
    if (level == j.end()) fail("session.level", "missing");
    session.level = string_field(*level, "session.level");
    if (auto time = j.find("time"); time != j.end())
      session.time_ns = int_field(*time, "session.time");
    if (auto problem = builder_.add_session(std::move(session))) fail("session", *problem);
  }

  // {"fault": {"kind": "kill", "phase": "start", "target": ..., "detail": ..., "time": ns}}
  void read_fault(const json& f) {
    if (!f.is_object()) fail("fault", "expected an object");
    Fault fault;
    auto kind = f.find("kind");
    if (kind == f.end()) fail("fault.kind", "missing");
    fault.kind = string_field(*kind, "fault.kind");
    auto phase = f.find("phase");
    if (phase == f.end()) fail("fault.phase", "missing");
    std::string phase_name = string_field(*phase, "fault.phase");
    std::optional<FaultPhase> p = parse_fault_phase(phase_name);
    if (!p) fail("fault.phase", fmt::format("unknown phase \"{}\" (start or heal)", phase_name));
    fault.phase = *p;
    if (auto t = f.find("target"); t != f.end()) fault.target = string_field(*t, "fault.target");
    if (auto d = f.find("detail"); d != f.end()) fault.detail = string_field(*d, "fault.detail");
    if (auto time = f.find("time"); time != f.end())
      fault.time_ns = int_field(*time, "fault.time");
    else
      fault.time_ns = last_time_;
    if (auto problem = builder_.add_fault(std::move(fault)))
      throw LoadError(path_, where(), *problem);
  }

  // {"epoch": {"number": 0, "phase": "open", "key_low": 0, "key_end": 0, "time": ns}}
  void read_epoch(const json& e) {
    if (!e.is_object()) fail("epoch", "expected an object");
    EpochMark mark;
    auto required_int = [&](const char* name) {
      std::string field = std::string("epoch.") + name;
      auto it = e.find(name);
      if (it == e.end()) fail(field, "missing");
      return int_field(*it, field);
    };
    int64_t number = required_int("number");
    if (number < 0) fail("epoch.number", "must not be negative");
    mark.number = static_cast<uint64_t>(number);
    auto phase = e.find("phase");
    if (phase == e.end()) fail("epoch.phase", "missing");
    std::string phase_name = string_field(*phase, "epoch.phase");
    std::optional<EpochPhase> p = parse_epoch_phase(phase_name);
    if (!p) fail("epoch.phase", fmt::format("unknown phase \"{}\" (open or closed)", phase_name));
    mark.phase = *p;
    mark.key_low = required_int("key_low");
    mark.key_end = required_int("key_end");
    if (auto time = e.find("time"); time != e.end())
      mark.time_ns = int_field(*time, "epoch.time");
    else
      mark.time_ns = last_time_;
    if (auto problem = builder_.add_epoch(mark)) throw LoadError(path_, where(), *problem);
  }

  void read_event(const json& j) {
    auto process = j.find("process");
    if (process == j.end()) fail("process", "missing");
    auto type = j.find("type");
    if (type == j.end()) fail("type", "missing");
    std::string type_name = string_field(*type, "type");
    std::optional<EventType> t = parse_event_type(type_name);
    if (!t) fail("type", fmt::format("unknown type \"{}\"", type_name));
    if (auto f = j.find("f"); f != j.end()) {
      std::string f_name = string_field(*f, "f");
      if (f_name != "txn")
        fail("f", fmt::format("\"{}\" is not \"txn\" (only transactional histories are checked)",
                              f_name));
    }
    uint64_t index = ordinal_++;
    if (auto i = j.find("index"); i != j.end()) {
      if (!i->is_number_unsigned())
        fail("index", fmt::format("expected a non-negative integer, found {}", i->dump()));
      index = i->get<uint64_t>();
    }
    if (auto time = j.find("time"); time != j.end()) last_time_ = int_field(*time, "time");
    builder_.begin_event({index, int_field(*process, "process"), *t, last_time_});
    if (auto value = j.find("value"); value != j.end()) read_mops(*value);
    if (auto error = j.find("error"); error != j.end()) read_error(*error);
    if (auto fr = j.find("final_read"); fr != j.end()) {
      if (!fr->is_boolean())
        fail("final_read", fmt::format("expected true or false, found {}", fr->dump()));
      if (fr->get<bool>()) builder_.set_final_read();
    }
    if (auto problem = builder_.end_event()) throw LoadError(path_, where(), *problem);
  }

  void read_mops(const json& value) {
    if (!value.is_array()) fail("value", "expected an array of micro-ops");
    for (size_t i = 0; i < value.size(); ++i) {
      const json& m = value[i];
      std::string field = fmt::format("value[{}]", i);
      if (m.is_array() && m.size() >= 2 && m[0].is_string()) {
        std::optional<MopKind> fn = parse_mop_function(m[0].get<std::string>());
        if (fn && is_row_mop_kind(*fn)) {
          read_row_mop(m, *fn,
                       parse_aggregate_function(m[0].get<std::string>()).value_or(Aggregate::kRows),
                       field);
          continue;
        }
      }
      if (!m.is_array() || m.size() < 2 || m.size() > 3)
        fail(field,
             fmt::format("expected [\"append\"|\"r\"|\"w\"|\"adjust\", key, value], found {}",
                         m.dump()));
      std::string fname = string_field(m[0], field + "[0]");
      std::optional<MopKind> fn = parse_mop_function(fname);
      if (!fn) fail(field + "[0]", fmt::format("unknown micro-op function \"{}\"", fname));
      int64_t key = int_field(m[1], field + "[1]");
      if (*fn != MopKind::kReadRegister) {
        if (m.size() != 3) fail(field, "a write needs a value");
        builder_.add_mop(*fn, key, int_field(m[2], field + "[2]"));
        continue;
      }
      if (m.size() == 2) {
        builder_.add_mop(MopKind::kReadRegister, key, 0);
      } else if (m[2].is_null()) {
        builder_.add_register_read(key, 0, true);
      } else if (m[2].is_array()) {
        builder_.begin_list_read(key);
        for (size_t k = 0; k < m[2].size(); ++k)
          builder_.push_list_value(int_field(m[2][k], fmt::format("{}[2][{}]", field, k)));
      } else {
        builder_.add_register_read(key, int_field(m[2], field + "[2]"), false);
      }
    }
  }

  // A predicate-workload micro-op (row_mop_text.h).
  void read_row_mop(const json& m, MopKind kind, Aggregate aggregate, const std::string& field) {
    const bool written = kind == MopKind::kInsert || kind == MopKind::kUpdate;
    const size_t result_at = kind == MopKind::kPredicateRead || kind == MopKind::kReadRow ? 2 : 3;
    const size_t max_size = kind == MopKind::kInsert ? 3 : result_at + 1;
    if (m.size() > max_size || (written && m.size() < 3))
      fail(field, fmt::format("expected {} elements, found {}", max_size, m.dump()));
    Predicate predicate;
    int64_t key = 0, value = 0, group = 0;
    if (kind == MopKind::kPredicateRead) {
      predicate = read_predicate(m[1], field + "[1]");
    } else {
      key = int_field(m[1], field + "[1]");
    }
    if (written) {
      const json& vg = m[2];
      if (!vg.is_array() || vg.size() != 2)
        fail(field + "[2]", fmt::format("expected [value, group], found {}", vg.dump()));
      value = int_field(vg[0], field + "[2][0]");
      group = int_field(vg[1], field + "[2][1]");
    }
    const bool has_result = m.size() > result_at && !m[result_at].is_null();
    if (aggregate != Aggregate::kRows) {
      const std::string f = fmt::format("{}[{}]", field, result_at);
      builder_.add_aggregate_read(predicate, aggregate, has_result,
                                  has_result ? int_field(m[result_at], f) : 0);
      return;
    }
    builder_.add_row_mop(kind, key, value, predicate, group, has_result);
    if (!has_result) return;
    const json& rows = m[result_at];
    const std::string rows_field = fmt::format("{}[{}]", field, result_at);
    if (!rows.is_array()) fail(rows_field, fmt::format("expected rows, found {}", rows.dump()));
    for (size_t r = 0; r < rows.size(); ++r) {
      const std::string f = fmt::format("{}[{}]", rows_field, r);
      if (!rows[r].is_array() || rows[r].size() != 3)
        fail(f, fmt::format("expected [key, value, group], found {}", rows[r].dump()));
      builder_.push_row({int_field(rows[r][0], f + "[0]"), int_field(rows[r][1], f + "[1]"),
                         int_field(rows[r][2], f + "[2]")});
    }
  }

  Predicate read_predicate(const json& p, const std::string& field) const {
    if (!p.is_array() || p.empty())
      fail(field, fmt::format("expected a predicate like [\"group\", 3], found {}", p.dump()));
    const std::string name = string_field(p[0], field + "[0]");
    std::optional<PredicateKind> kind = parse_predicate_kind(name);
    if (!kind) fail(field + "[0]", fmt::format("unknown predicate \"{}\"", name));
    Predicate out;
    out.kind = *kind;
    const size_t want = *kind == PredicateKind::kAll ? 1 : 3;
    const bool ok_size = p.size() == want || (*kind == PredicateKind::kGroup && p.size() == 2);
    if (!ok_size) fail(field, fmt::format("wrong number of elements in {}", p.dump()));
    if (*kind == PredicateKind::kGroup) {
      out.group = int_field(p[1], field + "[1]");
      if (p.size() == 3) out.max_rows = int_field(p[2], field + "[2]");
    } else if (*kind == PredicateKind::kKeyRange) {
      out.key_low = int_field(p[1], field + "[1]");
      out.key_high = int_field(p[2], field + "[2]");
    }
    return out;
  }

  void read_error(const json& e) {
    if (e.is_string()) {
      builder_.set_error("", e.get<std::string>());
      return;
    }
    if (!e.is_object()) fail("error", "expected {\"sqlstate\": ..., \"message\": ...} or a string");
    std::string sqlstate, message;
    if (auto s = e.find("sqlstate"); s != e.end()) sqlstate = string_field(*s, "error.sqlstate");
    if (auto m = e.find("message"); m != e.end()) message = string_field(*m, "error.message");
    builder_.set_error(sqlstate, message);
  }

  const std::string& path_;
  std::vector<std::string>& warnings_;
  FileChunkReader in_;
  HistoryBuilder builder_;
  uint64_t line_no_ = 0;
  uint64_t ordinal_ = 0;
  int64_t last_time_ = 0;
  bool saw_header_ = false;
};

}  // namespace

History read_jsonl_history(const std::string& path, std::vector<std::string>& warnings) {
  return JsonlHistoryReader(path, warnings).read();
}

}  // namespace isocheck
