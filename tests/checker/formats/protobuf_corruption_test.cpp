// Damage inside a protobuf history (issue 11): a corrupt length prefix in
// the middle is corruption, not a cut; --salvage loads the prefix and says
// what it dropped; a string field that is not UTF-8 is one clear line.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checker/formats/load_history.h"
#include "checker/formats/protobuf_stream_writer.h"
#include "proto/history.pb.h"
#include "tests/checker/formats/format_test_support.h"

namespace isocheck {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

constexpr int kTxns = 100;

// A header and `txns` invoke/ok pairs; returns each record's start offset.
// With `orphan`, that record is instead a completion of a process that never
// invoked: well formed, but rejected by the HistoryBuilder.
std::vector<size_t> write_history_of_pairs(const std::string& path, int txns = kTxns,
                                           size_t orphan = 0) {
  ProtobufStreamWriter out(path);
  proto::Record header;
  header.mutable_header()->set_magic("isocheck-history");
  header.mutable_header()->set_format_version(2);
  header.mutable_header()->set_workload("list-append");
  out.write(header);
  for (int i = 0; i < 2 * txns; ++i) {
    proto::Record r;
    proto::Event* e = r.mutable_event();
    e->set_index(static_cast<uint64_t>(i));
    const bool orphaned = static_cast<size_t>(i) + 1 == orphan;
    e->set_process(orphaned ? 1'000'000 : i / 2);
    e->set_type(i % 2 || orphaned ? proto::Event::OK : proto::Event::INVOKE);
    e->set_time_ns(i);
    proto::Mop* m = e->add_mops();
    m->set_kind(proto::Mop::APPEND);
    m->set_key(i / 2);
    m->set_value(1);
    if (i % 2) e->set_message("commit ok");
    out.write(r);
  }
  out.close();
  std::string bytes = testing::read_file(path);
  std::vector<size_t> starts;
  for (size_t pos = 0; pos < bytes.size();) {
    starts.push_back(pos);
    pos += 1 + static_cast<uint8_t>(bytes[pos]);  // every record here is under 128 bytes
  }
  return starts;
}

std::string error_of(const std::string& path) {
  try {
    load_history(path);
  } catch (const LoadError& e) {
    std::string what = e.what();
    EXPECT_EQ(what.find('\n'), std::string::npos);
    return what;
  }
  ADD_FAILURE() << path << " loaded without error";
  return "";
}

class ProtobufCorruption : public ::testing::Test {
 protected:
  void SetUp() override {
    starts_ = write_history_of_pairs(path_);
    bytes_ = testing::read_file(path_);
  }
  // Sets record `record`'s one-byte length prefix to `length`.
  void corrupt_prefix(size_t record, uint8_t length) {
    std::string bytes = bytes_;
    bytes[starts_[record]] = static_cast<char>(length);
    testing::write_file(path_, bytes);
  }

  TempDir dir_;
  std::string path_ = dir_.file("h.pb");
  std::vector<size_t> starts_;
  std::string bytes_;
};

TEST_F(ProtobufCorruption, LengthPrefixRunningPastTheEndInTheMiddleIsAnErrorNamingTheOffset) {
  // Record 11's prefix claims more than the rest of the file: the reader used to take
  // that for a cut, check 5 transactions and say VALID.
  const size_t record = 11;
  // A two-byte varint would shift the record; 0x7f with the continuation bit cleared is
  // the largest one-byte length, so use a prefix far past the end through a multi-byte one.
  std::string bytes = bytes_;
  bytes.replace(starts_[record], 1, std::string("\xff\xff\x03", 3));
  testing::write_file(path_, bytes);
  EXPECT_THAT(error_of(path_),
              HasSubstr(fmt::format("record {} (byte {}): length: ", record, starts_[record])));
}

TEST_F(ProtobufCorruption, LengthPrefixSwallowingTheNextRecordIsAnError) {
  const size_t record = 20;
  const size_t real = starts_[record + 1] - starts_[record] - 1;
  corrupt_prefix(record, static_cast<uint8_t>(real + starts_[record + 2] - starts_[record + 1]));
  EXPECT_THAT(error_of(path_),
              HasSubstr(fmt::format("record {} (byte {}): ", record, starts_[record])));
}

TEST_F(ProtobufCorruption, ACutLastRecordIsStillAcceptedWithAWarning) {
  testing::write_file(path_, bytes_.substr(0, bytes_.size() - 3));
  LoadedHistory got = load_history(path_);
  EXPECT_EQ(got.history.txns.size(), static_cast<size_t>(kTxns));
  ASSERT_EQ(got.warnings.size(), 1u);
  EXPECT_THAT(got.warnings[0], HasSubstr("cut at byte " + std::to_string(starts_.back())));
  EXPECT_FALSE(got.salvaged);
}

TEST_F(ProtobufCorruption, SalvageLoadsTheWholeRecordsBeforeTheDamageAndSaysWhatItDropped) {
  const size_t record = 11;
  std::string bytes = bytes_;
  bytes.replace(starts_[record], 1, std::string("\xff\xff\x03", 3));
  testing::write_file(path_, bytes);
  LoadOptions options;
  options.salvage = true;
  LoadedHistory got = load_history(path_, options);
  ASSERT_TRUE(got.salvaged);
  EXPECT_EQ(got.salvaged->from_record, record);
  EXPECT_EQ(got.salvaged->from_byte, starts_[record]);
  EXPECT_EQ(got.salvaged->dropped_bytes, bytes.size() - starts_[record]);
  // Records 1..10: five whole pairs.
  EXPECT_EQ(got.history.txns.size(), 5u);
  ASSERT_EQ(got.warnings.size(), 1u);
  EXPECT_THAT(got.warnings[0],
              HasSubstr(fmt::format("dropped {} bytes from byte {}", bytes.size() - starts_[record],
                                    starts_[record])));
  // Nothing to salvage on an intact file.
  testing::write_file(path_, bytes_);
  EXPECT_FALSE(load_history(path_, options).salvaged);
}

TEST_F(ProtobufCorruption, NonUtf8StringIsOneLineNamingRecordAndField) {
  std::string bytes = bytes_;
  const size_t record = 4;  // an ok event: it carries "commit ok"
  size_t at = bytes.find("commit ok", starts_[record]);
  ASSERT_LT(at, starts_[record + 1]);
  bytes[at] = static_cast<char>(0xff);
  testing::write_file(path_, bytes);
  EXPECT_THAT(error_of(path_),
              HasSubstr(fmt::format("record {} (byte {}): Event.message: holds bytes that are "
                                    "not UTF-8",
                                    record, starts_[record])));
}

// The loader parses on one thread and builds on another, a batch of records
// at a time: whichever problem comes first in the file is the one reported,
// even when the other thread met its own problem first, batches later.
class ProtobufCorruptionAcrossBatches : public ::testing::Test {
 protected:
  static constexpr int kManyTxns = 3000;  // 6001 records: several batches

  std::string with_prefix_corrupted(const std::vector<size_t>& starts, size_t record) {
    std::string bytes = testing::read_file(path_);
    bytes.replace(starts[record], 1, std::string("\xff\xff\x03", 3));
    return bytes;
  }

  TempDir dir_;
  std::string path_ = dir_.file("many.pb");
};

TEST_F(ProtobufCorruptionAcrossBatches, AnEarlyRejectedEventWinsOverLaterCorruption) {
  std::vector<size_t> starts = write_history_of_pairs(path_, kManyTxns, 8);
  testing::write_file(path_, with_prefix_corrupted(starts, 5000));
  EXPECT_THAT(error_of(path_), HasSubstr(fmt::format("record 8 (byte {}): ", starts[8])));
}

TEST_F(ProtobufCorruptionAcrossBatches, EarlyCorruptionWinsOverALaterRejectedEvent) {
  std::vector<size_t> starts = write_history_of_pairs(path_, kManyTxns, 5002);
  testing::write_file(path_, with_prefix_corrupted(starts, 9));
  EXPECT_THAT(error_of(path_), HasSubstr(fmt::format("record 9 (byte {}): ", starts[9])));
  // Without the corruption, the rejected event is the error.
  write_history_of_pairs(path_, kManyTxns, 5002);
  EXPECT_THAT(error_of(path_), HasSubstr(fmt::format("record 5002 (byte {}): ", starts[5002])));
}

TEST_F(ProtobufCorruptionAcrossBatches, SalvageAndCutsKeepEveryRecordOfEarlierBatches) {
  std::vector<size_t> starts = write_history_of_pairs(path_, kManyTxns);
  const std::string intact = testing::read_file(path_);
  testing::write_file(path_, with_prefix_corrupted(starts, 4001));
  LoadOptions options;
  options.salvage = true;
  LoadedHistory got = load_history(path_, options);
  ASSERT_TRUE(got.salvaged);
  EXPECT_EQ(got.salvaged->from_record, 4001u);
  EXPECT_EQ(got.history.txns.size(), 2000u);  // records 1..4000
  testing::write_file(path_, intact.substr(0, intact.size() - 3));
  got = load_history(path_);
  EXPECT_EQ(got.history.txns.size(), static_cast<size_t>(kManyTxns));
  ASSERT_EQ(got.warnings.size(), 1u);
  EXPECT_THAT(got.warnings[0], HasSubstr("cut at byte " + std::to_string(starts.back())));
}

}  // namespace
}  // namespace isocheck
