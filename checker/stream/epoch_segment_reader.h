// EpochSegmentReader: reads a protobuf history recorded with epochs (`isocheck
// run --epoch`) one epoch at a time, so that a history of any length is
// checked in the memory of its largest epoch.
//
// Contract:
//  - The file must start with a Header, like every protobuf history.
//  - next() returns the events from an epoch's OPEN mark to its CLOSED mark
//    as a History of their own (the file's header, the epoch's faults), or,
//    after the last epoch, each final read that follows it (the runner reads
//    every epoch's keys again after the run, one read per epoch) as a
//    segment with `epoch` false; then nullopt.
//  - Session records (a connection's effective isolation) go into every
//    later segment, wherever they appear.
//  - Outside an epoch only final reads and sessions may appear; any other event there,
//    and a file whose first event comes before any epoch mark, is an error
//    (LoadError naming the record): such a file has no epochs to cut at —
//    `kNoEpochMarks` marks that case for callers that explain it.
//  - A transaction must complete in the epoch it was invoked in (the
//    runner's barrier guarantees it); one that does not is an error naming
//    the record.
//  - A record cut by the end of the file ends the stream with a warning; a
//    corrupt one throws LoadError naming record and byte.
//  - Reading is incremental: a writer may still be appending to the file,
//    as long as the caller asks for an epoch only once its CLOSED mark is in
//    the file (HistoryRecorder::record_epoch flushes it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checker/history/history.h"
#include "checker/history/history_builder.h"
#include "proto/history.pb.h"

namespace isocheck {

struct EpochSegment {
  bool epoch = false;  // false: the events after the last epoch
  EpochMark open, closed;
  History history;
  // The whole file's id (as `isocheck check` and `explain` number them) of
  // this segment's first transaction: the transactions of earlier segments.
  uint32_t first_txn = 0;
};

class EpochSegmentReader {
 public:
  // The LoadError field naming a file without epoch marks.
  static constexpr const char* kNoEpochMarks = "epoch";

  // Opens `path` and reads its header. Throws LoadError naming the file.
  explicit EpochSegmentReader(const std::string& path);
  ~EpochSegmentReader();
  EpochSegmentReader(const EpochSegmentReader&) = delete;
  EpochSegmentReader& operator=(const EpochSegmentReader&) = delete;

  const HistoryHeader& header() const { return header_; }
  std::optional<EpochSegment> next();
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  // The next whole record into record_; false at the end of the file.
  bool read_record();
  bool fill(size_t need);
  std::string where() const;
  // Finishes `segment` with the builder's history and its first_txn.
  EpochSegment handed_over(EpochSegment segment, HistoryBuilder&& builder);

  std::string path_;
  int fd_ = -1;
  std::string buffer_;
  size_t pos_ = 0;
  uint64_t consumed_ = 0;  // bytes of the file before buffer_[0]
  uint64_t record_no_ = 0;
  uint64_t record_start_ = 0;
  bool at_end_ = false;
  bool saw_epoch_ = false;
  proto::Record record_;
  HistoryHeader header_;
  std::vector<std::string> warnings_;
  std::optional<EpochMark> last_mark_;
  uint32_t txns_before_ = 0;
  std::vector<proto::Session> sessions_;
};

}  // namespace isocheck
