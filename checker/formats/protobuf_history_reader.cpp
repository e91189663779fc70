#include "checker/formats/protobuf_history_reader.h"

#include <fmt/format.h>

#include <thread>

#include "checker/formats/load_error.h"
#include "checker/formats/protobuf_history_schema.h"
#include "checker/formats/protobuf_record_batches.h"
#include "checker/formats/protobuf_record_parser.h"
#include "checker/history/history_builder.h"
#include "proto/history.pb.h"

namespace isocheck {
namespace {

// The second loading thread: takes the parser's batches in file order and
// feeds them to the HistoryBuilder (see protobuf_record_batches.h for why
// two threads).
class ProtobufHistoryReader {
 public:
  ProtobufHistoryReader(const std::string& path, std::vector<std::string>& warnings,
                        std::optional<SalvagedPrefix>* salvage)
      : path_(path),
        warnings_(warnings),
        salvage_(salvage),
        parser_(path, salvage != nullptr, batches_) {}

  ~ProtobufHistoryReader() {
    batches_.cancel();
    if (parser_thread_.joinable()) parser_thread_.join();
  }

  History read() {
    parser_thread_ = std::thread([this] { parser_.run(); });
    while (true) {
      RecordBatch* batch = batches_.take_full();
      for (const ParsedRecord& r : batch->entries) {
        if (r.is_event)
          handle_event(r, batch->events[r.slot]);
        else
          handle_record(r, batch->records[r.slot]);
      }
      if (batch->last) {
        ParseEnd end = std::move(batch->end);
        if (end.error) std::rethrow_exception(end.error);
        for (std::string& w : end.warnings) warnings_.push_back(std::move(w));
        if (end.salvaged && salvage_) *salvage_ = std::move(end.salvaged);
        break;
      }
      batches_.give_back(batch);
    }
    return std::move(builder_).finish();
  }

 private:
  LoadError error(const ParsedRecord& r, std::string_view field, std::string_view problem) {
    return LoadError(path_, where(r), field, problem);
  }

  std::string where(const ParsedRecord& r) const {
    return fmt::format("record {} (byte {})", r.record_no, r.byte);
  }

  void handle_event(const ParsedRecord& r, const proto::Event& event) {
    if (auto problem = event_to_builder(event, builder_))
      throw LoadError(path_, where(r), *problem);
    if (auto problem = builder_.end_event()) throw LoadError(path_, where(r), *problem);
  }

  void handle_record(const ParsedRecord& r, const proto::Record& record) {
    if (r.record_no == 0) {
      if (!record.has_header())
        throw error(r, "header",
                    record.has_event() ? "missing: the first record is an event"
                                       : "missing: the first record is empty");
      header_from_proto(record.header(), builder_.header(), path_, where(r));
      return;
    }
    if (record.has_header()) throw error(r, "header", "a second header after the first record");
    if (record.has_fault()) {
      if (builder_.header().format_version < 2)
        throw error(r, "fault", "fault records need format_version 2 or later");
      if (auto problem = fault_to_builder(record.fault(), builder_))
        throw LoadError(path_, where(r), *problem);
      return;
    }
    if (record.has_epoch()) {
      if (builder_.header().format_version < 2)
        throw error(r, "epoch", "epoch records need format_version 2 or later");
      if (auto problem = epoch_to_builder(record.epoch(), builder_))
        throw LoadError(path_, where(r), *problem);
      return;
    }
    if (record.has_session()) {
      if (builder_.header().format_version < 2)
        throw error(r, "session", "session records need format_version 2 or later");
      if (auto problem = session_to_builder(record.session(), builder_))
        throw LoadError(path_, where(r), *problem);
      return;
    }
    if (!record.has_event())
      throw error(r, "body",
                  "the record holds neither a header, an event, a fault, an epoch nor a session");
    handle_event(r, record.event());
  }

  const std::string& path_;
  std::vector<std::string>& warnings_;
  std::optional<SalvagedPrefix>* salvage_;
  ProtobufRecordBatches batches_;
  ProtobufRecordParser parser_;
  std::thread parser_thread_;
  HistoryBuilder builder_;
};

}  // namespace

History read_protobuf_history(const std::string& path, std::vector<std::string>& warnings) {
  return ProtobufHistoryReader(path, warnings, nullptr).read();
}

History read_protobuf_history(const std::string& path, std::vector<std::string>& warnings,
                              std::optional<SalvagedPrefix>* salvage) {
  return ProtobufHistoryReader(path, warnings, salvage).read();
}

}  // namespace isocheck
