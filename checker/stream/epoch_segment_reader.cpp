#include "checker/stream/epoch_segment_reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "checker/formats/load_error.h"
#include "checker/formats/protobuf_history_schema.h"
#include "checker/formats/protobuf_record_framing.h"
#include "checker/history/history_builder.h"

namespace isocheck {
namespace {

constexpr size_t kChunkBytes = size_t{1} << 20;
constexpr uint64_t kMaxRecordBytes = uint64_t{64} << 20;

}  // namespace

EpochSegmentReader::EpochSegmentReader(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw LoadError(path_, "byte 0", "file", std::strerror(errno));
  if (!read_record()) throw LoadError(path_, "record 0 (byte 0)", "header", "missing");
  if (!record_.has_header())
    throw LoadError(path_, where(), "header", "missing: not the first record");
  header_from_proto(record_.header(), header_, path_, where());
}

EpochSegmentReader::~EpochSegmentReader() {
  if (fd_ >= 0) ::close(fd_);
}

std::string EpochSegmentReader::where() const {
  return fmt::format("record {} (byte {})", record_no_ == 0 ? 0 : record_no_ - 1, record_start_);
}

bool EpochSegmentReader::fill(size_t need) {
  while (buffer_.size() - pos_ < need) {
    if (pos_ > 0) {
      buffer_.erase(0, pos_);
      consumed_ += pos_;
      pos_ = 0;
    }
    size_t old = buffer_.size();
    buffer_.resize(old + std::max(kChunkBytes, need));
    ssize_t n;
    do {
      n = ::read(fd_, buffer_.data() + old, buffer_.size() - old);
    } while (n < 0 && errno == EINTR);
    if (n < 0) throw LoadError(path_, where(), "file", std::strerror(errno));
    buffer_.resize(old + static_cast<size_t>(n));
    if (n == 0) return false;
  }
  return true;
}

bool EpochSegmentReader::read_record() {
  if (at_end_) return false;
  if (pos_ == buffer_.size() && !fill(1)) return false;
  record_start_ = consumed_ + pos_;
  // A varint length is at most 10 bytes; fewer may be left at the end.
  fill(10);
  const char* begin = buffer_.data() + pos_;
  const char* p = begin;
  uint64_t size = 0;
  VarintStatus st = read_varint(p, buffer_.data() + buffer_.size(), size);
  if (st == VarintStatus::kMalformed || (st == VarintStatus::kOk && size > kMaxRecordBytes))
    throw LoadError(path_, where(), "length", "malformed or oversized length prefix (corrupt?)");
  const size_t prefix = static_cast<size_t>(p - begin);
  if (st == VarintStatus::kCut || !fill(prefix + size)) {
    warnings_.push_back(
        fmt::format("{}: cut at byte {}: ignored a partial last record", path_, record_start_));
    at_end_ = true;
    return false;
  }
  const char* body = buffer_.data() + pos_ + prefix;
  if (!record_.ParseFromArray(body, static_cast<int>(size)))
    throw LoadError(path_, where(), "record", "does not parse as an isocheck.proto.Record");
  if (auto why = record_framing_problem(body, body + size, size))
    throw LoadError(path_, where(), "length", *why);
  pos_ += prefix + size;
  ++record_no_;
  return true;
}

std::optional<EpochSegment> EpochSegmentReader::next() {
  if (at_end_) return std::nullopt;
  HistoryBuilder builder;
  builder.header() = header_;
  // Clients connect (and record their session) before the first epoch and
  // after faults; every segment carries all sessions so far, so the
  // effective-isolation check sees them whichever epoch it judges.
  for (const proto::Session& session : sessions_) {
    if (auto problem = session_to_builder(session, builder))
      throw LoadError(path_, where(), *problem);
  }
  EpochSegment segment;
  bool open = false;
  bool any_event = false;
  while (read_record()) {
    if (record_.has_header()) throw LoadError(path_, where(), "header", "a second header");
    if (record_.has_epoch()) {
      EpochMark mark;
      if (auto problem = epoch_from_proto(record_.epoch(), mark))
        throw LoadError(path_, where(), *problem);
      if (auto problem = epoch_sequence_problem(last_mark_ ? &*last_mark_ : nullptr, mark))
        throw LoadError(path_, where(), *problem);
      last_mark_ = mark;
      saw_epoch_ = true;
      if (mark.phase == EpochPhase::kOpen) {
        if (any_event)
          throw LoadError(path_, where(), "epoch.phase",
                          "an epoch opens after events that belong to no epoch");
        segment.open = mark;
        open = true;
        continue;
      }
      segment.epoch = true;
      segment.closed = mark;
      return handed_over(std::move(segment), std::move(builder));
    }
    if (record_.has_fault()) {
      if (!open) continue;
      if (auto problem = fault_to_builder(record_.fault(), builder))
        throw LoadError(path_, where(), *problem);
      continue;
    }
    if (record_.has_session()) {
      if (auto problem = session_to_builder(record_.session(), builder))
        throw LoadError(path_, where(), *problem);
      sessions_.push_back(record_.session());
      continue;
    }
    if (!record_.has_event())
      throw LoadError(path_, where(), "body",
                      "the record holds no header, event, fault, epoch or session");
    const proto::Event& event = record_.event();
    if (!open && !saw_epoch_)
      throw LoadError(path_, where(), kNoEpochMarks,
                      "no epoch mark before the first event: this history was not recorded in "
                      "epochs (isocheck run --epoch), so it cannot be checked epoch by epoch; "
                      "check it whole with `isocheck check`");
    if (!open && !event.final_read())
      throw LoadError(path_, where(), "event",
                      "outside any epoch, where only the final reads after the run belong");
    if (auto problem = event_to_builder(event, builder)) throw LoadError(path_, where(), *problem);
    if (auto problem = builder.end_event())
      throw LoadError(
          path_, where(),
          fmt::format("{} (each transaction must complete in the epoch it began in)", *problem));
    any_event = true;
    // After the run the final reads come one after another: hand each over
    // on its own, so that memory stays that of one epoch's keys.
    if (!open && event.type() != proto::Event::INVOKE)
      return handed_over(std::move(segment), std::move(builder));
  }
  at_end_ = true;
  if (!saw_epoch_)
    throw LoadError(path_, where(), kNoEpochMarks,
                    "the file holds no epoch marks: it was not recorded in epochs (isocheck run "
                    "--epoch), so it cannot be checked epoch by epoch; check it whole with "
                    "`isocheck check`");
  if (open) {
    warnings_.push_back(
        fmt::format("{}: the file ends inside epoch {} (the run was killed?): "
                    "its events so far are checked",
                    path_, segment.open.number));
    segment.epoch = true;
    segment.closed = segment.open;
    segment.closed.phase = EpochPhase::kClosed;
    return handed_over(std::move(segment), std::move(builder));
  }
  if (!any_event) return std::nullopt;
  return handed_over(std::move(segment), std::move(builder));
}

EpochSegment EpochSegmentReader::handed_over(EpochSegment segment, HistoryBuilder&& builder) {
  segment.history = std::move(builder).finish();
  segment.first_txn = txns_before_;
  txns_before_ += static_cast<uint32_t>(segment.history.txns.size());
  return segment;
}

}  // namespace isocheck
