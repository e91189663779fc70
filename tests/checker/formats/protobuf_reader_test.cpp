#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "checker/formats/history_events.h"
#include "checker/formats/load_history.h"
#include "checker/formats/protobuf_history_reader.h"
#include "checker/formats/protobuf_history_schema.h"
#include "checker/formats/protobuf_stream_writer.h"
#include "checker/formats/write_history.h"
#include "proto/history.pb.h"
#include "tests/checker/formats/format_test_support.h"

namespace isocheck {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

std::string load_error_of(const std::string& path) {
  try {
    load_history(path, {.format = HistoryFormat::kProtobuf});
  } catch (const LoadError& e) {
    std::string what = e.what();
    EXPECT_EQ(what.find('\n'), std::string::npos);
    EXPECT_EQ(what.rfind(path + ": ", 0), 0u) << what;
    return what;
  }
  ADD_FAILURE() << path << " loaded without error";
  return "";
}

proto::Record good_header() {
  proto::Record r;
  r.mutable_header()->set_magic("isocheck-history");
  r.mutable_header()->set_format_version(1);
  return r;
}

proto::Record event(uint64_t index, int64_t process, proto::Event::Type type) {
  proto::Record r;
  proto::Event* e = r.mutable_event();
  e->set_index(index);
  e->set_process(process);
  e->set_type(type);
  e->set_time_ns(static_cast<int64_t>(index) * 10);
  proto::Mop* m = e->add_mops();
  m->set_kind(proto::Mop::APPEND);
  m->set_key(1);
  m->set_value(static_cast<int64_t>(index));
  return r;
}

void write_records(const std::string& path, const std::vector<proto::Record>& records) {
  ProtobufStreamWriter out(path);
  for (const proto::Record& r : records) out.write(r);
  out.close();
}

// Byte offsets where each record starts, plus the file size.
std::vector<size_t> record_boundaries(const std::string& bytes) {
  std::vector<size_t> starts;
  size_t pos = 0;
  while (pos < bytes.size()) {
    starts.push_back(pos);
    uint64_t len = 0;
    for (int shift = 0;; shift += 7) {
      uint8_t b = static_cast<uint8_t>(bytes[pos++]);
      len |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    pos += len;
  }
  starts.push_back(bytes.size());
  return starts;
}

TEST(ProtobufReader, EmptyFileIsAnError) {
  TempDir dir;
  testing::write_file(dir.file("e.pb"), "");
  EXPECT_THAT(load_error_of(dir.file("e.pb")), HasSubstr("byte 0: file: is empty"));
}

TEST(ProtobufReader, RandomBytesAreAnErrorNeverACrash) {
  TempDir dir;
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    std::string bytes(1 + rng() % 600, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    testing::write_file(dir.file("r.pb"), bytes);
    SCOPED_TRACE(trial);
    EXPECT_FALSE(load_error_of(dir.file("r.pb")).empty());
  }
}

TEST(ProtobufReader, FileCutAtEveryByteLoadsEveryWholeRecord) {
  TempDir dir;
  History full = testing::sample_list_append_history();
  std::string path = dir.file("full.pb");
  write_history(full, path, HistoryFormat::kProtobuf);
  std::string bytes = testing::read_file(path);
  std::vector<size_t> starts = record_boundaries(bytes);
  std::vector<HistoryEvent> events = history_events(full);
  ASSERT_EQ(starts.size(), events.size() + 2);  // header, events, end of file

  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    SCOPED_TRACE("cut at " + std::to_string(cut));
    std::string cut_path = dir.file("cut.pb");
    testing::write_file(cut_path, std::string_view(bytes).substr(0, cut));
    if (cut < starts[1]) {
      EXPECT_THAT(load_error_of(cut_path), cut == 0 ? HasSubstr("is empty") : HasSubstr("header"));
      continue;
    }
    LoadedHistory got = load_history(cut_path);
    size_t whole = 0;  // whole event records before the cut
    while (starts[whole + 2] <= cut) ++whole;
    size_t invocations = 0, completions = 0;
    for (size_t i = 0; i < whole; ++i) (events[i].completion ? completions : invocations)++;
    EXPECT_EQ(got.history.txns.size(), invocations);
    size_t completed = 0;
    for (const Txn& t : got.history.txns) completed += t.completed();
    EXPECT_EQ(completed, completions);
    if (cut == starts[whole + 1]) {
      EXPECT_TRUE(got.warnings.empty());
    } else {
      ASSERT_EQ(got.warnings.size(), 1u);
      EXPECT_THAT(got.warnings[0], HasSubstr("cut at byte " + std::to_string(starts[whole + 1])));
    }
  }
}

TEST(ProtobufReader, HeaderMustComeFirst) {
  TempDir dir;
  write_records(dir.file("h.pb"), {event(0, 0, proto::Event::INVOKE)});
  EXPECT_THAT(load_error_of(dir.file("h.pb")), HasSubstr("record 0 (byte 0): header: missing"));
}

TEST(ProtobufReader, WrongMagicIsAnError) {
  TempDir dir;
  proto::Record h = good_header();
  h.mutable_header()->set_magic("something-else");
  write_records(dir.file("h.pb"), {h});
  EXPECT_THAT(load_error_of(dir.file("h.pb")), HasSubstr("record 0 (byte 0): header: magic"));
}

TEST(ProtobufReader, NewerVersionIsAnError) {
  TempDir dir;
  proto::Record h = good_header();
  h.mutable_header()->set_format_version(kHistoryFormatVersion + 1);
  write_records(dir.file("h.pb"), {h});
  EXPECT_THAT(load_error_of(dir.file("h.pb")),
              HasSubstr(fmt::format("header: format_version {} is not one this isocheck reads",
                                    kHistoryFormatVersion + 1)));
}

TEST(ProtobufReader, EveryOlderVersionIsRead) {
  for (uint32_t version = 1; version <= kHistoryFormatVersion; ++version) {
    TempDir dir;
    proto::Record h = good_header();
    h.mutable_header()->set_format_version(version);
    write_records(dir.file("h.pb"), {h, event(0, 1, proto::Event::INVOKE)});
    std::vector<std::string> warnings;
    History got = read_protobuf_history(dir.file("h.pb"), warnings);
    EXPECT_EQ(got.header.format_version, version);
    EXPECT_EQ(got.txns.size(), 1u);
  }
}

TEST(ProtobufReader, VersionZeroIsAnError) {
  TempDir dir;
  proto::Record h = good_header();
  h.mutable_header()->set_format_version(0);
  write_records(dir.file("h.pb"), {h});
  EXPECT_THAT(load_error_of(dir.file("h.pb")), HasSubstr("header: format_version 0"));
}

TEST(ProtobufReader, UnknownWorkloadIsAnError) {
  TempDir dir;
  proto::Record h = good_header();
  h.mutable_header()->set_workload("queue");
  write_records(dir.file("h.pb"), {h});
  EXPECT_THAT(load_error_of(dir.file("h.pb")), HasSubstr("header: unknown workload \"queue\""));
}

TEST(ProtobufReader, SecondHeaderIsAnError) {
  TempDir dir;
  write_records(dir.file("h.pb"),
                {good_header(), event(0, 0, proto::Event::INVOKE), good_header()});
  EXPECT_THAT(load_error_of(dir.file("h.pb")), HasSubstr("record 2 (byte "));
  EXPECT_THAT(load_error_of(dir.file("h.pb")), HasSubstr("a second header"));
}

TEST(ProtobufReader, RecordWithoutBodyIsAnError) {
  TempDir dir;
  write_records(dir.file("h.pb"), {good_header(), proto::Record()});
  EXPECT_THAT(load_error_of(dir.file("h.pb")), HasSubstr("record 1"));
  EXPECT_THAT(load_error_of(dir.file("h.pb")),
              HasSubstr("neither a header, an event, a fault, an epoch nor a session"));
}

TEST(ProtobufReader, UnparseableRecordIsAnError) {
  TempDir dir;
  std::string path = dir.file("h.pb");
  write_records(path, {good_header()});
  std::string bytes = testing::read_file(path);
  size_t header_size = bytes.size();
  bytes += std::string("\x03\xff\xff\xff", 4);
  testing::write_file(path, bytes);
  EXPECT_THAT(load_error_of(path), HasSubstr("record 1 (byte " + std::to_string(header_size) +
                                             "): record: does not parse"));
}

TEST(ProtobufReader, UnknownEnumValuesAreErrors) {
  TempDir dir;
  proto::Record bad_kind = event(0, 0, proto::Event::INVOKE);
  bad_kind.mutable_event()->mutable_mops(0)->set_kind(static_cast<proto::Mop::Kind>(10));
  write_records(dir.file("k.pb"), {good_header(), bad_kind});
  EXPECT_THAT(load_error_of(dir.file("k.pb")), HasSubstr("record 1 (byte "));
  EXPECT_THAT(load_error_of(dir.file("k.pb")), HasSubstr("mops[0].kind: unknown micro-op kind 10"));

  proto::Record bad_type = event(0, 0, proto::Event::INVOKE);
  bad_type.mutable_event()->set_type(static_cast<proto::Event::Type>(7));
  write_records(dir.file("t.pb"), {good_header(), bad_type});
  EXPECT_THAT(load_error_of(dir.file("t.pb")), HasSubstr("type: unknown event type 7"));
}

TEST(ProtobufReader, CompletionWithoutInvocationIsAnError) {
  TempDir dir;
  write_records(dir.file("c.pb"), {good_header(), event(0, 3, proto::Event::OK)});
  EXPECT_THAT(load_error_of(dir.file("c.pb")), HasSubstr("record 1 (byte "));
  EXPECT_THAT(load_error_of(dir.file("c.pb")),
              HasSubstr("process: 3 completed (ok) without an open invocation"));
}

TEST(ProtobufReader, InvokingTwiceIsAnError) {
  TempDir dir;
  write_records(dir.file("i.pb"), {good_header(), event(0, 1, proto::Event::INVOKE),
                                   event(1, 1, proto::Event::INVOKE)});
  EXPECT_THAT(load_error_of(dir.file("i.pb")), HasSubstr("record 2 (byte "));
  EXPECT_THAT(load_error_of(dir.file("i.pb")), HasSubstr("invoked again"));
}

TEST(ProtobufReader, ImplausibleLengthIsAnErrorNotAHugeRead) {
  TempDir dir;
  std::string path = dir.file("l.pb");
  write_records(path, {good_header()});
  std::string bytes = testing::read_file(path);
  bytes += std::string("\xff\xff\xff\xff\x0f", 5);  // ~4 GB
  testing::write_file(path, bytes);
  EXPECT_THAT(load_error_of(path), HasSubstr("length: "));
}

}  // namespace
}  // namespace isocheck
