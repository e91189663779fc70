#include "checker/formats/record_stream_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "checker/formats/protobuf_stream_writer.h"

namespace isocheck {
namespace {

namespace fs = std::filesystem;

fs::path write_events(const std::string& name, int events) {
  fs::path path =
      fs::temp_directory_path() / ("isocheck-reader-" + std::to_string(::getpid()) + "-" + name);
  ProtobufStreamWriter writer(path);
  proto::Record record;
  record.mutable_header()->set_magic("isocheck-history");
  writer.write(record);
  for (int i = 0; i < events; ++i) {
    record.mutable_event()->set_index(i);
    record.mutable_event()->set_message(std::string(40, 'x'));
    writer.write(record);
  }
  writer.close();
  return path;
}

TEST(RecordStreamReaderTest, ReadsEveryWholeRecordAndNotesACutEnd) {
  fs::path path = write_events("cut", 10);
  uintmax_t size = fs::file_size(path);
  // Every cut point inside the last record: the nine whole events survive.
  for (uintmax_t cut = 1; cut < 45; ++cut) {
    fs::resize_file(path, size - cut);
    RecordStreamReader reader(path);
    proto::Record record;
    int events = 0;
    while (reader.next(record)) events += record.has_event() ? 1 : 0;
    EXPECT_EQ(events, 9) << "cut " << cut;
    EXPECT_TRUE(reader.cut_at_end()) << "cut " << cut;
  }
  fs::remove(path);
}

TEST(RecordStreamReaderTest, CompleteFileIsNotCut) {
  fs::path path = write_events("whole", 3);
  RecordStreamReader reader(path);
  proto::Record record;
  uint64_t n = 0;
  while (reader.next(record)) ++n;
  EXPECT_EQ(n, 4u);
  EXPECT_FALSE(reader.cut_at_end());
  fs::remove(path);
}

TEST(RecordStreamReaderTest, GarbageInTheMiddleNamesFileAndRecord) {
  fs::path path = write_events("garbage", 5);
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    proto::Record header;
    header.mutable_header()->set_magic("isocheck-history");
    file.seekp(static_cast<std::streamoff>(header.ByteSizeLong() + 2));
    file.write("\xff\xff\xff", 3);  // inside record 2: an invalid field tag
  }
  RecordStreamReader reader(path);
  proto::Record record;
  try {
    while (reader.next(record)) {
    }
    FAIL() << "garbage went unnoticed";
  } catch (const std::runtime_error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find(path.string()), std::string::npos) << what;
    EXPECT_NE(what.find("record 2"), std::string::npos) << what;
  }
  fs::remove(path);
}

TEST(RecordStreamReaderTest, MissingFileIsAnError) {
  EXPECT_THROW(RecordStreamReader("/nonexistent/history.bin"), std::runtime_error);
}

}  // namespace
}  // namespace isocheck
