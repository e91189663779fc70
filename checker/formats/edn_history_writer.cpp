#include "checker/formats/edn_history_writer.h"

#include "checker/formats/edn_header.h"
#include "checker/formats/edn_session.h"
#include "checker/formats/elle_vocabulary.h"
#include "checker/formats/history_events.h"
#include "checker/formats/row_mop_text.h"
#include "checker/formats/text_file_writer.h"
#include "checker/history/history_builder.h"

namespace isocheck {
namespace {

void append_mop(fmt::memory_buffer& out, const History& h, const Mop& m, bool with_result) {
  if (is_row_mop_kind(m.kind)) {
    append_row_mop(out, h, m, with_result, TextSyntax::kEdn);
    return;
  }
  auto it = std::back_inserter(out);
  fmt::format_to(it, "[:{} {} ", mop_function_name(m.kind), m.key);
  if (m.is_write()) {
    fmt::format_to(it, "{}]", m.value);
  } else if (!with_result || !m.has_result || (m.kind == MopKind::kReadRegister && m.is_nil)) {
    out.append(std::string_view("nil]"));
  } else if (m.kind == MopKind::kReadList) {
    out.push_back('[');
    bool first = true;
    for (int64_t v : h.list_of(m)) {
      fmt::format_to(it, "{}{}", first ? "" : " ", v);
      first = false;
    }
    out.append(std::string_view("]]"));
  } else {
    fmt::format_to(it, "{}]", m.value);
  }
}

// A fault phase as a Jepsen nemesis op (see edn_op_parser.h).
void append_fault(fmt::memory_buffer& out, const Fault& f) {
  fmt::format_to(std::back_inserter(out),
                 "{{:type :info, :process :nemesis, :f :{}, :fault :{}, :target ",
                 f.phase == FaultPhase::kStart ? "start" : "stop", f.kind);
  append_quoted_string(out, f.target);
  out.append(std::string_view(", :value "));
  append_quoted_string(out, f.detail);
  fmt::format_to(std::back_inserter(out), ", :time {}}}\n", f.time_ns);
}

// An epoch mark as an isocheck op (see edn_op_parser.h); Jepsen's tools skip
// it as a non-client op.
void append_epoch(fmt::memory_buffer& out, const EpochMark& m) {
  fmt::format_to(std::back_inserter(out),
                 "{{:type :info, :process :isocheck, :f :epoch, :isocheck/epoch [{} :{} {} {}], "
                 ":time {}}}\n",
                 m.number, epoch_phase_name(m.phase), m.key_low, m.key_end, m.time_ns);
}

}  // namespace

void write_edn_history(const History& h, const std::string& path) {
  TextFileWriter file(path);
  fmt::memory_buffer& out = file.buffer();
  out.append(edn_header_line(h.header));
  for (const Session& s : h.sessions) out.append(edn_session_line(s));
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
    fmt::format_to(file.out(), "{{:type :{}, :f :txn, :value [", event_type_name(type));
    bool first = true;
    for (const Mop& m : h.mops_of(t)) {
      if (!first) out.push_back(' ');
      first = false;
      append_mop(out, h, m, e.completion);
    }
    fmt::format_to(file.out(), "], :time {}, :process {}, :index {}", e.time_ns(h), t.process,
                   e.index(h));
    if (e.completion && t.error != 0) {
      const TxnError& err = h.error_of(t);
      out.append(std::string_view(", :error "));
      if (err.sqlstate.empty()) {
        append_quoted_string(out, err.message);
      } else {
        out.append(std::string_view("[:sqlstate "));
        append_quoted_string(out, err.sqlstate);
        out.push_back(' ');
        append_quoted_string(out, err.message);
        out.push_back(']');
      }
    }
    if (t.final_read) out.append(std::string_view(", :final-read? true"));
    out.append(std::string_view("}\n"));
    file.maybe_flush();
  }
  file.close();
}

}  // namespace isocheck
