#include "checker/formats/edn_history_reader.h"

#include <fmt/format.h>

#include "checker/formats/edn_header.h"
#include "checker/formats/edn_op_parser.h"
#include "checker/formats/edn_scanner.h"
#include "checker/formats/edn_session.h"
#include "checker/formats/file_chunk_reader.h"
#include "checker/formats/load_error.h"
#include "checker/formats/protobuf_history_schema.h"
#include "checker/history/history_builder.h"

namespace isocheck {
namespace {

class EdnHistoryReader {
 public:
  EdnHistoryReader(const std::string& path, std::vector<std::string>& warnings)
      : path_(path), warnings_(warnings), in_(path) {}

  History read() {
    if (in_.data() == in_.data_end() && in_.at_eof())
      throw LoadError(path_, "byte 0", "file", "is empty");
    scanner_.reset(in_.data(), in_.data_end(), in_.at_eof(), 1);
    uint64_t ordinal = 0;
    while (true) {
      const char* form_start = scanner_.pos();
      uint64_t start_line = scanner_.line();
      uint64_t op_line = start_line;
      try {
        if (scanner_.peek() == EdnScanner::kEof) break;
        op_line = scanner_.line();
        parser_.parse(scanner_, op_);
      } catch (const EdnNeedMore&) {
        // Each refill parses the form again from its start; the cap keeps that, and memory,
        // bounded on a file that is one endless form.
        if (static_cast<size_t>(in_.data_end() - form_start) >= kMaxEdnFormBytes)
          throw LoadError(path_, line(start_line), "op",
                          fmt::format("one op longer than {} MiB (the limit; corrupt?)",
                                      kMaxEdnFormBytes >> 20));
        in_.refill(form_start);
        scanner_.reset(form_start, in_.data_end(), in_.at_eof(), start_line);
        continue;
      } catch (const EdnSyntaxError& e) {
        throw LoadError(
            path_, line(scanner_.line()), parser_.field(),
            scanner_.token_hit_eof() ? "the file ends inside this op (cut?)" : e.problem);
      }
      if (op_.has_header)
        emit_header(ordinal, op_line);
      else if (op_.has_session)
        emit_session(op_line);
      else
        emit(ordinal++, op_line);
    }
    if (builder_.event_count() == 0) warnings_.push_back(path_ + ": holds no client ops");
    report_keyword_keys();
    return std::move(builder_).finish();
  }

 private:
  static std::string line(uint64_t n) { return fmt::format("line {}", n); }

  void emit(uint64_t ordinal, uint64_t op_line) {
    const EdnOp& op = op_;
    if (op.nemesis && !op.fault_kind.empty()) return emit_fault(op, op_line);
    if (op.has_epoch) return emit_epoch(op, op_line);
    if (!op.client) return;
    if (!op.has_process) throw LoadError(path_, line(op_line), "process", "missing");
    if (!op.has_type) throw LoadError(path_, line(op_line), "type", "missing");
    if (!op.f.empty() && op.f != "txn")
      throw LoadError(
          path_, line(op_line), "f",
          fmt::format(":{} is not :txn (only transactional histories are checked)", op.f));
    if (!op.value_problem.empty())
      throw LoadError(path_, line(op.value_line), "value", op.value_problem);
    if (op.has_time) last_time_ = op.time;
    builder_.begin_event({op.has_index ? static_cast<uint64_t>(op.index) : ordinal, op.process,
                          op.type, last_time_});
    bool nil_is_result = op.type == EventType::kOk;
    for (const EdnMop& m : op.mops) {
      if (m.kind == MopKind::kPredicateRead && m.aggregate != Aggregate::kRows) {
        builder_.add_aggregate_read(m.predicate, m.aggregate, m.result == EdnReadResult::kValue,
                                    m.value);
        continue;
      }
      if (is_row_mop_kind(m.kind)) {
        builder_.add_row_mop(m.kind, m.key, m.value, m.predicate, m.group,
                             m.result == EdnReadResult::kRows);
        for (uint32_t i = 0; i < m.rows_count; ++i) builder_.push_row(op.rows[m.rows_begin + i]);
        continue;
      }
      switch (m.result) {
        case EdnReadResult::kNone:
          builder_.add_mop(m.kind, m.key, m.value);
          break;
        case EdnReadResult::kNil:
          if (nil_is_result)
            builder_.add_register_read(m.key, 0, true);
          else
            builder_.add_mop(MopKind::kReadRegister, m.key, 0);
          break;
        case EdnReadResult::kValue:
          builder_.add_register_read(m.key, m.value, false);
          break;
        case EdnReadResult::kList:
          builder_.add_list_read(
              m.key, std::span<const int64_t>(op.list_values.data() + m.list_begin, m.list_size));
          break;
        case EdnReadResult::kRows:  // row micro-ops are handled above
          break;
      }
    }
    if (op.has_error) builder_.set_error(op.sqlstate, op.message);
    if (op.final_read) builder_.set_final_read();
    if (auto problem = builder_.end_event()) throw LoadError(path_, line(op_line), *problem);
  }

  void emit_session(uint64_t op_line) {
    if (auto problem = builder_.add_session(op_.session))
      throw LoadError(path_, line(op_line), std::string(kEdnSessionKey), *problem);
  }

  void emit_header(uint64_t ordinal, uint64_t op_line) {
    if (ordinal > 0 || saw_header_)
      throw LoadError(path_, line(op_line), std::string(kEdnHeaderKey),
                      "only the first op may be the header");
    saw_header_ = true;
    header_from_proto(op_.header, builder_.header(), path_, line(op_line));
  }

  // isocheck's fault records (see edn_op_parser.h); other nemesis ops, as
  // Jepsen's own nemeses write them, say nothing the checker uses.
  void emit_fault(const EdnOp& op, uint64_t op_line) {
    std::optional<FaultPhase> phase;
    if (op.f == "start") phase = FaultPhase::kStart;
    if (op.f == "stop") phase = FaultPhase::kHeal;
    if (!phase)
      throw LoadError(path_, line(op_line), "f",
                      fmt::format(":{} is not :start or :stop (a fault's phase)", op.f));
    if (op.has_time) last_time_ = op.time;
    if (auto problem =
            builder_.add_fault({op.fault_kind, *phase, op.fault_target, op.value_text, last_time_}))
      throw LoadError(path_, line(op_line), *problem);
  }

  void emit_epoch(const EdnOp& op, uint64_t op_line) {
    if (op.has_time) last_time_ = op.time;
    EpochMark mark = op.epoch;
    mark.time_ns = last_time_;
    if (auto problem = builder_.add_epoch(mark)) throw LoadError(path_, line(op_line), *problem);
  }

  void report_keyword_keys() {
    const auto& names = parser_.keyword_keys();
    if (names.empty()) return;
    std::string shown;
    for (size_t i = 0; i < names.size() && i < 5; ++i)
      shown += fmt::format("{}:{} = {}", i ? ", " : "", names[i], -static_cast<int64_t>(i) - 1);
    warnings_.push_back(
        fmt::format("{}: {} keyword keys were numbered -1, -2, ... in order of first use ({}{})",
                    path_, names.size(), shown, names.size() > 5 ? ", ..." : ""));
  }

  const std::string& path_;
  std::vector<std::string>& warnings_;
  FileChunkReader in_;
  EdnScanner scanner_;
  EdnOpParser parser_;
  EdnOp op_;
  HistoryBuilder builder_;
  int64_t last_time_ = 0;
  bool saw_header_ = false;
};

}  // namespace

History read_edn_history(const std::string& path, std::vector<std::string>& warnings) {
  return EdnHistoryReader(path, warnings).read();
}

}  // namespace isocheck
