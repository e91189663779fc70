#include "checker/formats/history_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checker/formats/load_error.h"
#include "checker/formats/write_history.h"
#include "tests/checker/formats/format_test_support.h"

namespace isocheck {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

TEST(HistoryFormat, NamesParseBack) {
  for (HistoryFormat f : {HistoryFormat::kProtobuf, HistoryFormat::kJsonLines, HistoryFormat::kEdn})
    EXPECT_EQ(parse_format(format_name(f)), f);
  EXPECT_EQ(parse_format("json"), HistoryFormat::kJsonLines);
  EXPECT_EQ(parse_format("xml"), std::nullopt);
}

TEST(HistoryFormat, DetectsByContentWhateverTheExtension) {
  TempDir dir;
  History h = testing::sample_list_append_history();
  for (HistoryFormat f :
       {HistoryFormat::kProtobuf, HistoryFormat::kJsonLines, HistoryFormat::kEdn}) {
    std::string path =
        dir.file(std::string("misnamed.") + (f == HistoryFormat::kEdn ? "pb" : "edn"));
    write_history(h, path, f);
    EXPECT_EQ(detect_format(path), f) << format_name(f);
  }
  testing::write_file(dir.file("a.txt"), "  \n{ :type :invoke}");
  EXPECT_EQ(detect_format(dir.file("a.txt")), HistoryFormat::kEdn);
  testing::write_file(dir.file("b.txt"), "#jepsen.history.Op{:type :ok}");
  EXPECT_EQ(detect_format(dir.file("b.txt")), HistoryFormat::kEdn);
  testing::write_file(dir.file("c.txt"), "{\"process\": 1}");
  EXPECT_EQ(detect_format(dir.file("c.txt")), HistoryFormat::kJsonLines);
}

TEST(HistoryFormat, FallsBackToTheExtension) {
  TempDir dir;
  for (auto [name, want] :
       {std::pair{"x.pb", HistoryFormat::kProtobuf},
        std::pair{"x.jsonl", HistoryFormat::kJsonLines},
        std::pair{"x.json", HistoryFormat::kJsonLines}, std::pair{"x.edn", HistoryFormat::kEdn}}) {
    testing::write_file(dir.file(name), "?? unrecognisable");
    EXPECT_EQ(detect_format(dir.file(name)), want) << name;
  }
}

TEST(HistoryFormat, EmptyMissingAndUnknownFilesAreLoadErrors) {
  TempDir dir;
  testing::write_file(dir.file("empty.pb"), "");
  EXPECT_THROW(
      {
        try {
          detect_format(dir.file("empty.pb"));
        } catch (const LoadError& e) {
          EXPECT_THAT(e.what(), HasSubstr("empty.pb: byte 0: file: is empty"));
          throw;
        }
      },
      LoadError);
  EXPECT_THROW(detect_format(dir.file("missing.edn")), LoadError);
  testing::write_file(dir.file("notes.txt"), "hello");
  EXPECT_THROW(detect_format(dir.file("notes.txt")), LoadError);
}

TEST(LoadError, IsOneLineWhateverItQuotes) {
  LoadError e("f.edn", "line 3", "value", "found \"a\nb\r\"");
  EXPECT_STREQ(e.what(), "f.edn: line 3: value: found \"a b \"");
}

}  // namespace
}  // namespace isocheck
