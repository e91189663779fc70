// The text loaders' edges (issue 11): a file exactly the read buffer's size,
// hostile nesting, endless lines and ops, interruption, and one accepted set
// of :f / "f" across EDN and JSON lines.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "checker/formats/edn_history_reader.h"
#include "checker/formats/file_chunk_reader.h"
#include "checker/formats/jsonl_history_reader.h"
#include "checker/formats/load_history.h"
#include "tests/checker/formats/format_test_support.h"

namespace isocheck {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

std::string error_of(const std::string& path, HistoryFormat format) {
  try {
    load_history(path, {.format = format});
  } catch (const LoadError& e) {
    std::string what = e.what();
    EXPECT_EQ(what.find('\n'), std::string::npos);
    return what;
  }
  ADD_FAILURE() << path << " loaded without error";
  return "";
}

// Complete transactions, one process each, as JSON lines; padded with a
// blank line so the file is exactly `size` bytes and ends in a newline.
std::string jsonl_of_size(size_t size, size_t& txns) {
  std::string out;
  txns = 0;
  while (true) {
    std::string pair = fmt::format(
        "{{\"process\":{0},\"type\":\"invoke\",\"value\":[[\"append\",1,{0}]]}}\n"
        "{{\"process\":{0},\"type\":\"ok\",\"value\":[[\"append\",1,{0}]]}}\n",
        txns);
    if (out.size() + pair.size() + 2 > size) break;
    out += pair;
    ++txns;
  }
  out += std::string(size - out.size() - 1, ' ');
  out += '\n';
  return out;
}

TEST(LoaderLimits, JsonlHistoryOfExactlyTheBufferSizeLoads) {
  TempDir dir;
  for (size_t size : {FileChunkReader::kDefaultChunk, FileChunkReader::kDefaultChunk + 1,
                      FileChunkReader::kDefaultChunk - 1}) {
    SCOPED_TRACE(size);
    size_t txns = 0;
    std::string text = jsonl_of_size(size, txns);
    ASSERT_EQ(text.size(), size);
    testing::write_file(dir.file("h.jsonl"), text);
    LoadedHistory got = load_history(dir.file("h.jsonl"), {.format = HistoryFormat::kJsonLines});
    EXPECT_EQ(got.history.txns.size(), txns);
  }
}

TEST(LoaderLimits, BufferSizedJunkIsOneErrorLineInEveryFormat) {
  TempDir dir;
  const size_t size = FileChunkReader::kDefaultChunk;
  for (char fill : {'a', '\0', '{', '\n'}) {
    testing::write_file(dir.file("junk"), std::string(size, fill));
    for (HistoryFormat f :
         {HistoryFormat::kJsonLines, HistoryFormat::kEdn, HistoryFormat::kProtobuf}) {
      SCOPED_TRACE(fmt::format("{} of byte {}", format_name(f), static_cast<int>(fill)));
      if (fill == '\n' && f != HistoryFormat::kProtobuf) {
        // Only blank lines: a history of no events, with a warning.
        EXPECT_EQ(load_history(dir.file("junk"), {.format = f}).history.txns.size(), 0u);
        continue;
      }
      EXPECT_THAT(error_of(dir.file("junk"), f), HasSubstr(dir.file("junk") + ": "));
    }
  }
}

TEST(LoaderLimits, DeepJsonNestingIsRefusedNamingLineAndField) {
  TempDir dir;
  const size_t depth = 70'000;
  std::string line = R"({"process":0,"type":"invoke","value":)" + std::string(depth, '[') +
                     std::string(depth, ']') + "}\n";
  testing::write_file(dir.file("deep.jsonl"), line);
  EXPECT_THAT(error_of(dir.file("deep.jsonl"), HistoryFormat::kJsonLines),
              HasSubstr("line 1: value: nested more than 32 levels deep"));
  // Unbalanced and inside strings: brackets in strings do not count.
  testing::write_file(dir.file("s.jsonl"), R"({"process":0,"type":"invoke","error":")" +
                                               std::string(depth, '[') + "\"}\n");
  EXPECT_EQ(
      load_history(dir.file("s.jsonl"), {.format = HistoryFormat::kJsonLines}).history.txns.size(),
      1u);
}

TEST(LoaderLimits, DeepEdnNestingIsSkippedWithoutRecursion) {
  TempDir dir;
  const size_t depth = 200'000;
  std::string op = "{:type :invoke, :process :nemesis, :value " + std::string(depth, '[') +
                   std::string(depth, ']') + "}\n{:type :invoke, :process 0, :value " +
                   std::string(depth, '[') + "}\n";
  testing::write_file(dir.file("deep.edn"), op);
  EXPECT_THAT(error_of(dir.file("deep.edn"), HistoryFormat::kEdn), HasSubstr("line 2"));
}

TEST(LoaderLimits, JsonlLineLongerThanTheLimitIsRefused) {
  TempDir dir;
  std::string text = R"({"process":0,"type":"invoke","error":")";
  text += std::string(kMaxJsonlLineBytes, 'x');
  testing::write_file(dir.file("long.jsonl"), text);
  EXPECT_THAT(error_of(dir.file("long.jsonl"), HistoryFormat::kJsonLines),
              HasSubstr("line 1: json: longer than 64 MiB without a newline"));
}

TEST(LoaderLimits, EndlessInputFromADeviceStopsAtTheLimit) {
  EXPECT_THAT(error_of("/dev/zero", HistoryFormat::kJsonLines),
              HasSubstr("line 1: json: longer than 64 MiB"));
  EXPECT_THAT(error_of("/dev/zero", HistoryFormat::kEdn), HasSubstr("/dev/zero: line 1"));
  EXPECT_THAT(error_of("/dev/zero", HistoryFormat::kProtobuf), HasSubstr("/dev/zero: record"));
}

TEST(LoaderLimits, EdnOpLongerThanTheLimitIsRefused) {
  TempDir dir;
  std::string text = "{:type :invoke, :process 0, :value [[:append 1 ";
  text += std::string(kMaxEdnFormBytes, '1');
  testing::write_file(dir.file("long.edn"), text);
  EXPECT_THAT(error_of(dir.file("long.edn"), HistoryFormat::kEdn),
              HasSubstr("line 1: op: one op longer than 64 MiB"));
}

TEST(LoaderLimits, InterruptProbeStopsALoad) {
  TempDir dir;
  size_t txns = 0;
  testing::write_file(dir.file("h.jsonl"), jsonl_of_size(4096, txns));
  set_load_interrupt_probe([] { return true; });
  for (HistoryFormat f : {HistoryFormat::kJsonLines, HistoryFormat::kEdn}) {
    EXPECT_THROW(load_history("/dev/zero", {.format = f}), LoadInterrupted);
  }
  try {
    load_history(dir.file("h.jsonl"));
    ADD_FAILURE() << "not interrupted";
  } catch (const LoadInterrupted& e) {
    EXPECT_EQ(std::string(e.what()), dir.file("h.jsonl") + ": interrupted while loading");
  }
  set_load_interrupt_probe(nullptr);
  EXPECT_EQ(load_history(dir.file("h.jsonl")).history.txns.size(), txns);
}

TEST(LoaderLimits, OnlyTxnOpsAreAcceptedInEveryTextFormat) {
  TempDir dir;
  testing::write_file(dir.file("f.jsonl"),
                      R"({"process":0,"type":"invoke","f":"read","value":[["r",1]]})"
                      "\n");
  testing::write_file(dir.file("f.edn"),
                      "{:process 0, :type :invoke, :f :read, :value [[:r 1 nil]]}\n");
  EXPECT_THAT(error_of(dir.file("f.jsonl"), HistoryFormat::kJsonLines),
              HasSubstr("line 1: f: \"read\" is not \"txn\" (only transactional histories are "
                        "checked)"));
  EXPECT_THAT(error_of(dir.file("f.edn"), HistoryFormat::kEdn),
              HasSubstr("line 1: f: :read is not :txn (only transactional histories are checked)"));
  testing::write_file(dir.file("t.jsonl"),
                      R"({"process":0,"type":"invoke","f":"txn","value":[["r",1]]})"
                      "\n");
  EXPECT_EQ(load_history(dir.file("t.jsonl")).history.txns.size(), 1u);
}

TEST(LoaderLimits, TextThatIsNotUtf8IsRefusedInEveryTextFormat) {
  // What protobuf cannot carry is refused in EDN and JSON lines too, so a history that
  // loads converts to every format.
  TempDir dir;
  testing::write_file(dir.file("bad.edn"),
                      "{:process 0, :type :invoke, :f :txn, :value [[:r 1 nil]]}\n"
                      "{:process 0, :type :fail, :f :txn, :value [[:r 1 nil]], :error \"\xff\"}\n");
  testing::write_file(dir.file("bad.jsonl"),
                      "{\"process\":0,\"type\":\"invoke\",\"error\":\"\xff\"}\n");
  EXPECT_THAT(error_of(dir.file("bad.edn"), HistoryFormat::kEdn),
              HasSubstr("line 2: error: the string holds bytes that are not UTF-8"));
  testing::write_file(dir.file("bad-form.edn"),
                      "{:process 0, :type :invoke, :f :txn, :value [[:r 1 nil]]}\n"
                      "{:process 0, :type :fail, :f :txn, :value [[:r 1 nil]], :error :\xff}\n");
  EXPECT_THAT(error_of(dir.file("bad-form.edn"), HistoryFormat::kEdn),
              HasSubstr("line 2: error: the form holds bytes that are not UTF-8"));
  testing::write_file(dir.file("bad-fault.edn"),
                      "{:type :info, :process :nemesis, :f :start, :fault :\xff, :time 1}\n");
  EXPECT_THAT(error_of(dir.file("bad-fault.edn"), HistoryFormat::kEdn),
              HasSubstr("line 1: fault: the keyword holds bytes that are not UTF-8"));
  EXPECT_THAT(error_of(dir.file("bad.jsonl"), HistoryFormat::kJsonLines),
              HasSubstr("line 1: json: not valid JSON"));
  testing::write_file(dir.file("good.edn"),
                      "{:process 0, :type :invoke, :f :txn, :value [[:r 1 nil]]}\n"
                      "{:process 0, :type :fail, :f :txn, :value [[:r 1 nil]], :error "
                      "\"caf\xc3\xa9 \\u00e9\"}\n");
  LoadedHistory got = load_history(dir.file("good.edn"), {.format = HistoryFormat::kEdn});
  ASSERT_EQ(got.history.txns.size(), 1u);
  EXPECT_EQ(got.history.error_of(got.history.txns[0]).message, "caf\xc3\xa9 \xc3\xa9");
}

}  // namespace
}  // namespace isocheck
