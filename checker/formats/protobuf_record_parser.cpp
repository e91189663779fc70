#include "checker/formats/protobuf_record_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "checker/formats/file_chunk_reader.h"
#include "checker/formats/load_error.h"
#include "checker/formats/protobuf_parse_log.h"
#include "checker/formats/protobuf_record_framing.h"

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

}  // namespace

ProtobufRecordParser::ProtobufRecordParser(const std::string& path, bool salvage,
                                           ProtobufRecordBatches& batches)
    : path_(path), salvage_(salvage), batches_(batches) {}

void ProtobufRecordParser::run() noexcept {
  RecordBatch* batch = batches_.take_empty();
  if (batch == nullptr) return;
  ParseEnd end;
  try {
    FileChunkReader in(path_);
    parse(in, batch, end);
  } catch (...) {
    end.error = std::current_exception();
  }
  if (batch == nullptr) return;  // cancelled while passing a full batch
  end.records = record_no_;
  if (!end.error && record_no_ == 0)
    end.error = std::make_exception_ptr(
        LoadError(path_, "record 0 (byte 0)", "header", "missing: the file holds no whole record"));
  batch->last = true;
  batch->end = std::move(end);
  batches_.pass_full(batch);
}

void ProtobufRecordParser::parse(FileChunkReader& in, RecordBatch*& batch, ParseEnd& end) {
  if (in.data() == in.data_end() && in.at_eof())
    throw LoadError(path_, "byte 0", "file", "is empty");
  // Installed on this thread: libprotobuf reports non-UTF-8 strings by logging.
  ProtobufParseLog parse_log;
  const char* p = in.data();
  while (true) {
    if (p == in.data_end() && !in.refill(p)) return;
    const char* start = p;
    uint64_t size = 0;
    VarintStatus st = read_varint(p, in.data_end(), size);
    if (st == VarintStatus::kMalformed)
      return corrupt(in, start, "length", "malformed varint length prefix", end);
    if (st == VarintStatus::kOk && size > kMaxRecordBytes)
      return corrupt(in, start, "length",
                     fmt::format("{} bytes is larger than any record (corrupt?)", size), end);
    if (st == VarintStatus::kCut || static_cast<uint64_t>(in.data_end() - p) < size) {
      const size_t prefix = static_cast<size_t>(p - start);
      if (in.refill(start)) {
        p = start;
        continue;
      }
      if (st == VarintStatus::kOk && record_no_ > 0) {
        if (auto why = record_framing_problem(start + prefix, in.data_end(), size))
          return corrupt(in, start, "length", *why, end);
      }
      return report_cut(in, start, prefix, st == VarintStatus::kCut ? 0 : size, end);
    }
    parse_log.clear();
    const uint64_t byte = in.offset_of(start);
    bool parsed = false;
    if (record_no_ > 0) parsed = parse_event_only(p, size, batch->next_event(record_no_, byte));
    if (!parsed) {
      if (record_no_ > 0) batch->drop_last();
      proto::Record& record = batch->next_record(record_no_, byte);
      if (record.ParseFromArray(p, static_cast<int>(size))) {
        if (auto why = record_framing_problem(p, p + size, size)) {
          batch->drop_last();
          return corrupt(in, start, "length", *why, end);
        }
      } else {
        batch->drop_last();
        std::optional<std::string> field = parse_log.non_utf8_field();
        if (field)
          return corrupt(in, start, *field,
                         "holds bytes that are not UTF-8 (protobuf strings must be UTF-8)", end);
        return corrupt(in, start, "record", "does not parse as an isocheck.proto.Record", end);
      }
    }
    p += size;
    ++record_no_;
    if (batch->entries.size() == ProtobufRecordBatches::kRecordsPerBatch) {
      batches_.pass_full(batch);
      batch = batches_.take_empty();
      if (batch == nullptr) return;
    }
  }
}

// The usual record holds one Event field and nothing else: parsing it into a
// reused Event keeps its Mops allocated from one record to the next, where
// parsing a Record frees and reallocates them every time.
bool ProtobufRecordParser::parse_event_only(const char* body, uint64_t size, proto::Event& event) {
  const char* p = body;
  const char* end = body + size;
  if (p == end || static_cast<uint8_t>(*p) != 0x12) return false;  // field 2, length-delimited
  ++p;
  uint64_t len = 0;
  if (read_varint(p, end, len) != VarintStatus::kOk || len != static_cast<uint64_t>(end - p))
    return false;
  return event.ParseFromArray(p, static_cast<int>(len));
}

std::string ProtobufRecordParser::where(const FileChunkReader& in, const char* start) const {
  return fmt::format("record {} (byte {})", record_no_, in.offset_of(start));
}

void ProtobufRecordParser::corrupt(FileChunkReader& in, const char* start, std::string_view field,
                                   std::string_view problem, ParseEnd& end) {
  LoadError e(path_, where(in, start), field, problem);
  if (!salvage_ || record_no_ == 0) {
    end.error = std::make_exception_ptr(e);
    return;
  }
  uint64_t at = in.offset_of(start);
  uint64_t size = std::max(file_size_or_zero(path_), in.offset_of(in.data_end()));
  end.salvaged = SalvagedPrefix{record_no_, at, size - at, e.what()};
  end.warnings.push_back(fmt::format(
      "{}: salvaged: loaded records 0 to {} (bytes 0 to {}); dropped {} bytes from byte {} on, "
      "because {}",
      path_, record_no_ - 1, at, size - at, at, e.what()));
}

void ProtobufRecordParser::report_cut(FileChunkReader& in, const char* start, size_t prefix,
                                      uint64_t size, ParseEnd& end) {
  uint64_t at = in.offset_of(start);
  uint64_t have = static_cast<uint64_t>(in.data_end() - start);
  if (record_no_ == 0) {
    end.error = std::make_exception_ptr(LoadError(
        path_, "record 0 (byte 0)", "header",
        fmt::format("the file ends inside the header, at byte {}", in.offset_of(in.data_end()))));
    return;
  }
  if (size == 0)
    end.warnings.push_back(fmt::format(
        "{}: cut at byte {}: ignored a partial length prefix of {} bytes", path_, at, have));
  else
    end.warnings.push_back(
        fmt::format("{}: cut at byte {}: ignored a partial record of {} of {} bytes", path_, at,
                    have, prefix + size));
}

}  // namespace isocheck
