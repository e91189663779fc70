#include "checker/formats/jsonl_history_writer.h"

#include <nlohmann/json.hpp>

#include "checker/formats/elle_vocabulary.h"
#include "checker/formats/history_events.h"
#include "checker/formats/protobuf_history_schema.h"
#include "checker/formats/row_mop_text.h"
#include "checker/formats/text_file_writer.h"
#include "checker/history/history_builder.h"

namespace isocheck {
namespace {

std::string header_line(const HistoryHeader& h) {
  nlohmann::json j = {
      {"magic", kHistoryMagic},
      {"format_version", kHistoryFormatVersion},
      {"workload", h.workload == Workload::kUnknown ? "" : workload_name(h.workload)},
      {"isolation", h.isolation},
      {"database_version", h.database_version},
      {"settings", h.settings},
      {"seed", h.seed},
      {"tool_version", h.tool_version},
      {"start_unix_ns", h.start_unix_ns},
      {"bank_accounts", h.bank_accounts},
      {"bank_total", h.bank_total},
      {"statements", h.statements},
      {"table", h.table},
  };
  return nlohmann::json{{"header", j}}.dump(-1, ' ', false,
                                            nlohmann::json::error_handler_t::replace);
}

void append_mop(fmt::memory_buffer& out, const History& h, const Mop& m, bool with_result) {
  if (is_row_mop_kind(m.kind)) {
    append_row_mop(out, h, m, with_result, TextSyntax::kJson);
    return;
  }
  auto it = std::back_inserter(out);
  fmt::format_to(it, "[\"{}\",{}", mop_function_name(m.kind), m.key);
  if (m.is_write()) {
    fmt::format_to(it, ",{}]", m.value);
  } else if (!with_result) {
    out.append(std::string_view(",null]"));
  } else if (!m.has_result) {
    out.push_back(']');
  } else if (m.kind == MopKind::kReadList) {
    out.append(std::string_view(",["));
    bool first = true;
    for (int64_t v : h.list_of(m)) {
      fmt::format_to(it, "{}{}", first ? "" : ",", v);
      first = false;
    }
    out.append(std::string_view("]]"));
  } else if (m.is_nil) {
    out.append(std::string_view(",null]"));
  } else {
    fmt::format_to(it, ",{}]", m.value);
  }
}

void append_fault(fmt::memory_buffer& out, const Fault& f) {
  out.append(std::string_view("{\"fault\":{\"kind\":"));
  append_quoted_string(out, f.kind);
  fmt::format_to(std::back_inserter(out),
                 ",\"phase\":\"{}\",\"target\":", fault_phase_name(f.phase));
  append_quoted_string(out, f.target);
  out.append(std::string_view(",\"detail\":"));
  append_quoted_string(out, f.detail);
  fmt::format_to(std::back_inserter(out), ",\"time\":{}}}}}\n", f.time_ns);
}

void append_epoch(fmt::memory_buffer& out, const EpochMark& m) {
  fmt::format_to(std::back_inserter(out),
                 "{{\"epoch\":{{\"number\":{},\"phase\":\"{}\",\"key_low\":{},\"key_end\":{},"
                 "\"time\":{}}}}}\n",
                 m.number, epoch_phase_name(m.phase), m.key_low, m.key_end, m.time_ns);
}

}  // namespace

void write_jsonl_history(const History& h, const std::string& path) {
  TextFileWriter file(path);
  fmt::memory_buffer& out = file.buffer();
  out.append(header_line(h.header));
  out.push_back('\n');
  for (const Session& s : h.sessions) {
    fmt::format_to(file.out(),
                   "{{\"session\":{{\"process\":{},\"backend_pid\":{},\"level\":", s.process,
                   s.backend_pid);
    append_quoted_string(out, s.level);
    fmt::format_to(file.out(), ",\"time\":{}}}}}\n", s.time_ns);
  }
  for (const HistoryEvent& e : history_events(h)) {
    if (e.fault) {
      append_fault(out, e.fault_of(h));
      file.maybe_flush();
      continue;
    }
    if (e.epoch) {
      append_epoch(out, e.epoch_of(h));
      continue;
    }
    const Txn& t = h.txns[e.txn];
    const EventType type = e.type(h);
    fmt::format_to(file.out(),
                   "{{\"index\":{},\"process\":{},\"type\":\"{}\",\"time\":{},\"value\":[",
                   e.index(h), t.process, event_type_name(type), e.time_ns(h));
    bool first = true;
    for (const Mop& m : h.mops_of(t)) {
      if (!first) out.push_back(',');
      first = false;
      append_mop(out, h, m, e.completion);
    }
    out.push_back(']');
    if (e.completion && t.error != 0) {
      out.append(std::string_view(",\"error\":{\"sqlstate\":"));
      append_quoted_string(out, h.error_of(t).sqlstate);
      out.append(std::string_view(",\"message\":"));
      append_quoted_string(out, h.error_of(t).message);
      out.push_back('}');
    }
    if (t.final_read) out.append(std::string_view(",\"final_read\":true"));
    out.append(std::string_view("}\n"));
    file.maybe_flush();
  }
  file.close();
}

}  // namespace isocheck
