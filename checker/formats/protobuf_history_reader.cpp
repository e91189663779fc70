#include "checker/formats/protobuf_history_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "checker/formats/file_chunk_reader.h"
#include "checker/formats/load_error.h"
#include "checker/formats/protobuf_history_schema.h"
#include "checker/formats/protobuf_parse_log.h"
#include "checker/formats/protobuf_record_framing.h"
#include "checker/history/history_builder.h"
#include "proto/history.pb.h"

namespace isocheck {
namespace {

// No real record comes near this; a larger length means a corrupt prefix, and refusing
// it early keeps a damaged file from being read whole into memory in search of its end.
constexpr uint64_t kMaxRecordBytes = uint64_t{64} << 20;

uint64_t file_size_or_zero(const std::string& path) {
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

class ProtobufHistoryReader {
 public:
  ProtobufHistoryReader(const std::string& path, std::vector<std::string>& warnings,
                        std::optional<SalvagedPrefix>* salvage)
      : path_(path), warnings_(warnings), salvage_(salvage), in_(path) {}

  History read() {
    if (in_.data() == in_.data_end() && in_.at_eof())
      throw LoadError(path_, "byte 0", "file", "is empty");
    const char* p = in_.data();
    while (true) {
      if (p == in_.data_end() && !in_.refill(p)) break;
      const char* start = p;
      uint64_t size = 0;
      VarintStatus st = read_varint(p, in_.data_end(), size);
      if (st == VarintStatus::kMalformed) {
        corrupt(start, "length", "malformed varint length prefix");
        break;
      }
      if (st == VarintStatus::kOk && size > kMaxRecordBytes) {
        corrupt(start, "length",
                fmt::format("{} bytes is larger than any record (corrupt?)", size));
        break;
      }
      if (st == VarintStatus::kCut || static_cast<uint64_t>(in_.data_end() - p) < size) {
        const size_t prefix = static_cast<size_t>(p - start);
        if (in_.refill(start)) {
          p = start;
          continue;
        }
        if (st == VarintStatus::kOk && record_no_ > 0) {
          if (auto why = record_framing_problem(start + prefix, in_.data_end(), size)) {
            corrupt(start, "length", *why);
            break;
          }
        }
        report_cut(start, prefix, st == VarintStatus::kCut ? 0 : size);
        break;
      }
      parse_log_.clear();
      if (record_no_ > 0 && parse_event_only(p, size)) {
        handle_event(start, event_);
      } else if (record_.ParseFromArray(p, static_cast<int>(size))) {
        if (auto why = record_framing_problem(p, p + size, size)) {
          corrupt(start, "length", *why);
          break;
        }
        handle_record(start);
      } else {
        std::optional<std::string> field = parse_log_.non_utf8_field();
        if (field)
          corrupt(start, *field, "holds bytes that are not UTF-8 (protobuf strings must be UTF-8)");
        else
          corrupt(start, "record", "does not parse as an isocheck.proto.Record");
        break;
      }
      p += size;
      ++record_no_;
    }
    if (record_no_ == 0)
      throw LoadError(path_, "record 0 (byte 0)", "header",
                      "missing: the file holds no whole record");
    return std::move(builder_).finish();
  }

 private:
  LoadError error(const char* record_start, std::string_view field, std::string_view problem) {
    return LoadError(path_, where(record_start), field, problem);
  }

  std::string where(const char* record_start) const {
    return fmt::format("record {} (byte {})", record_no_, in_.offset_of(record_start));
  }

  // Damage before the end of the file: an error, or with salvage the end of the load.
  void corrupt(const char* start, std::string_view field, std::string_view problem) {
    LoadError e = error(start, field, problem);
    if (!salvage_ || record_no_ == 0) throw e;
    uint64_t at = in_.offset_of(start);
    uint64_t size = std::max(file_size_or_zero(path_), in_.offset_of(in_.data_end()));
    *salvage_ = SalvagedPrefix{record_no_, at, size - at, e.what()};
    warnings_.push_back(fmt::format(
        "{}: salvaged: loaded records 0 to {} (bytes 0 to {}); dropped {} bytes from byte {} on, "
        "because {}",
        path_, record_no_ - 1, at, size - at, at, e.what()));
  }

  void report_cut(const char* start, size_t prefix, uint64_t size) {
    uint64_t at = in_.offset_of(start);
    uint64_t have = static_cast<uint64_t>(in_.data_end() - start);
    if (record_no_ == 0)
      throw LoadError(path_, "record 0 (byte 0)", "header",
                      fmt::format("the file ends inside the header, at byte {}",
                                  in_.offset_of(in_.data_end())));
    if (size == 0) {
      warnings_.push_back(fmt::format(
          "{}: cut at byte {}: ignored a partial length prefix of {} bytes", path_, at, have));
    } else {
      warnings_.push_back(
          fmt::format("{}: cut at byte {}: ignored a partial record of {} of {} bytes", path_, at,
                      have, prefix + size));
    }
  }

  // Fast path for the usual record, one Event field and nothing else: parsing
  // it into a reused Event keeps its Mops allocated from one record to the
  // next, where parsing a Record frees and reallocates them every time.
  bool parse_event_only(const char* body, uint64_t size) {
    const char* p = body;
    const char* end = body + size;
    if (p == end || static_cast<uint8_t>(*p) != 0x12) return false;  // field 2, length-delimited
    ++p;
    uint64_t len = 0;
    if (read_varint(p, end, len) != VarintStatus::kOk || len != static_cast<uint64_t>(end - p))
      return false;
    return event_.ParseFromArray(p, static_cast<int>(len));
  }

  void handle_event(const char* start, const proto::Event& event) {
    if (auto problem = event_to_builder(event, builder_))
      throw LoadError(path_, where(start), *problem);
    if (auto problem = builder_.end_event()) throw LoadError(path_, where(start), *problem);
  }

  void handle_record(const char* start) {
    if (record_no_ == 0) {
      if (!record_.has_header())
        throw error(start, "header",
                    record_.has_event() ? "missing: the first record is an event"
                                        : "missing: the first record is empty");
      header_from_proto(record_.header(), builder_.header(), path_, where(start));
      return;
    }
    if (record_.has_header())
      throw error(start, "header", "a second header after the first record");
    if (record_.has_fault()) {
      if (builder_.header().format_version < 2)
        throw error(start, "fault", "fault records need format_version 2 or later");
      if (auto problem = fault_to_builder(record_.fault(), builder_))
        throw LoadError(path_, where(start), *problem);
      return;
    }
    if (record_.has_epoch()) {
      if (builder_.header().format_version < 2)
        throw error(start, "epoch", "epoch records need format_version 2 or later");
      if (auto problem = epoch_to_builder(record_.epoch(), builder_))
        throw LoadError(path_, where(start), *problem);
      return;
    }
    if (record_.has_session()) {
      if (builder_.header().format_version < 2)
        throw error(start, "session", "session records need format_version 2 or later");
      if (auto problem = session_to_builder(record_.session(), builder_))
        throw LoadError(path_, where(start), *problem);
      return;
    }
    if (!record_.has_event())
      throw error(start, "body",
                  "the record holds neither a header, an event, a fault, an epoch nor a session");
    handle_event(start, record_.event());
  }

  const std::string& path_;
  std::vector<std::string>& warnings_;
  std::optional<SalvagedPrefix>* salvage_;
  FileChunkReader in_;
  ProtobufParseLog parse_log_;
  proto::Record record_;
  proto::Event event_;
  HistoryBuilder builder_;
  uint64_t record_no_ = 0;
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
