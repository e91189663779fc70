#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checker/formats/load_history.h"
#include "tests/checker/formats/format_test_support.h"

namespace isocheck {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

class JsonlReader : public ::testing::Test {
 protected:
  LoadedHistory load(std::string_view text) {
    testing::write_file(path_, text);
    LoadOptions options;
    options.format = HistoryFormat::kJsonLines;
    return load_history(path_, options);
  }
  std::string error_of(std::string_view text) {
    try {
      load(text);
    } catch (const LoadError& e) {
      std::string what = e.what();
      EXPECT_EQ(what.find('\n'), std::string::npos);
      EXPECT_EQ(what.rfind(path_ + ": ", 0), 0u) << what;
      return what;
    }
    ADD_FAILURE() << "loaded without error: " << text;
    return "";
  }

  TempDir dir_;
  std::string path_ = dir_.file("history.jsonl");
};

const std::string kInvoke =
    R"({"index":0,"process":0,"type":"invoke","time":1,"value":[["append",1,2]]})"
    "\n";

TEST_F(JsonlReader, ReadsHeaderAndEvents) {
  LoadedHistory got = load(
      R"({"header":{"magic":"isocheck-history","format_version":1,"workload":"rw-register","isolation":"serializable","settings":{"a":"b"},"seed":9}})"
      "\n"
      R"({"index":0,"process":0,"type":"invoke","time":5,"value":[["w",3,4],["r",3,null]]})"
      "\n"
      R"({"index":2,"process":0,"type":"fail","time":9,"value":[["w",3,4],["r",3]],"error":{"sqlstate":"40001","message":"m"},"final_read":true})"
      "\n");
  const History& h = got.history;
  EXPECT_EQ(h.header.isolation, "serializable");
  EXPECT_EQ(h.header.seed, 9u);
  EXPECT_EQ(h.header.settings.at("a"), "b");
  ASSERT_EQ(h.txns.size(), 1u);
  EXPECT_EQ(h.txns[0].status, TxnStatus::kFail);
  EXPECT_EQ(h.txns[0].complete_index, 2u);
  EXPECT_TRUE(h.txns[0].final_read);
  EXPECT_EQ(h.error_of(h.txns[0]).sqlstate, "40001");
  EXPECT_EQ(h.mops[1].kind, MopKind::kReadRegister);
  EXPECT_FALSE(h.mops[1].has_result);
}

TEST_F(JsonlReader, WrongFieldTypesNameLineAndField) {
  EXPECT_THAT(error_of(R"({"process":"zero","type":"invoke"})"
                       "\n"),
              HasSubstr("line 1: process: expected a 64-bit integer, found \"zero\""));
  EXPECT_THAT(error_of(R"({"process":0,"type":"begin"})"
                       "\n"),
              HasSubstr("line 1: type: unknown type \"begin\""));
  EXPECT_THAT(error_of(R"({"process":0,"type":7})"
                       "\n"),
              HasSubstr("line 1: type: expected a string"));
  EXPECT_THAT(error_of(R"({"process":0,"type":"invoke","index":-1})"
                       "\n"),
              HasSubstr("line 1: index: expected a non-negative"));
  EXPECT_THAT(error_of(R"({"process":0,"type":"invoke","time":"now"})"
                       "\n"),
              HasSubstr("line 1: time: "));
  EXPECT_THAT(error_of(R"({"process":0,"type":"invoke","value":[["append",1,"x"]]})"
                       "\n"),
              HasSubstr("line 1: value[0][2]: expected a 64-bit integer"));
  EXPECT_THAT(error_of(R"({"process":0,"type":"invoke","value":[["cas",1,2]]})"
                       "\n"),
              HasSubstr("line 1: value[0][0]: unknown micro-op function \"cas\""));
  EXPECT_THAT(error_of(R"({"process":0,"type":"invoke","value":[["r",1,[1,"2"]]]})"
                       "\n"),
              HasSubstr("line 1: value[0][2][1]: expected a 64-bit integer"));
  EXPECT_THAT(error_of(R"({"process":0,"type":"invoke","value":{}})"
                       "\n"),
              HasSubstr("line 1: value: expected an array"));
  EXPECT_THAT(error_of(R"({"process":0,"type":"invoke","final_read":1})"
                       "\n"),
              HasSubstr("line 1: final_read: "));
  EXPECT_THAT(error_of(R"({"process":0,"type":"ok","error":5})"
                       "\n"),
              HasSubstr("line 1: error: "));
  EXPECT_THAT(error_of(R"({"type":"ok"})"
                       "\n"),
              HasSubstr("line 1: process: missing"));
  EXPECT_THAT(error_of(R"({"process":18446744073709551615,"type":"ok"})"
                       "\n"),
              HasSubstr("line 1: process: "));
}

TEST_F(JsonlReader, AggregateReadsTakeOneIntegerOrNull) {
  LoadedHistory h =
      load(R"({"index":0,"process":0,"type":"invoke","value":[["count",["group",3],null]]})"
           "\n"
           R"({"index":1,"process":0,"type":"ok","value":[["count",["group",3],2]]})"
           "\n");
  ASSERT_EQ(h.history.mops.size(), 1u);
  EXPECT_EQ(h.history.row_mop_of(h.history.mops[0]).aggregate, Aggregate::kCount);
  EXPECT_TRUE(h.history.mops[0].has_result);
  EXPECT_EQ(h.history.mops[0].value, 2);
  EXPECT_THAT(error_of(R"({"process":0,"type":"ok","value":[["sum-keys",["group",3],[[1,2,3]]]]})"
                       "\n"),
              HasSubstr("line 1: value[0][2]: expected a 64-bit integer"));
}

TEST_F(JsonlReader, MalformedAndCutLinesAreErrors) {
  EXPECT_THAT(error_of(""), HasSubstr("byte 0: file: is empty"));
  EXPECT_THAT(error_of(kInvoke + "{\"process\":0,\"type\"\n"),
              HasSubstr("line 2: json: not valid JSON"));
  EXPECT_THAT(error_of(kInvoke + R"({"process":0,"type":"ok","val)"),
              HasSubstr("line 2: json: the file ends inside this line"));
  EXPECT_THAT(error_of("[1,2]\n"), HasSubstr("line 1: json: a line must hold a JSON object"));
}

TEST_F(JsonlReader, HeaderRules) {
  EXPECT_THAT(error_of(kInvoke + R"({"header":{}})"
                                 "\n"),
              HasSubstr("line 2: header: only the first line"));
  EXPECT_THAT(error_of(R"({"header":{"magic":"nope"}})"
                       "\n"),
              HasSubstr("line 1: header: magic is \"nope\""));
  EXPECT_THAT(error_of(R"({"header":{"format_version":3}})"
                       "\n"),
              HasSubstr("line 1: header: format_version 3"));
  EXPECT_THAT(error_of(R"({"header":{"seed":"x"}})"
                       "\n"),
              HasSubstr("line 1: header.seed: "));
}

TEST_F(JsonlReader, PairingErrorsNameTheLine) {
  EXPECT_THAT(error_of(R"({"process":4,"type":"ok"})"
                       "\n"),
              HasSubstr("line 1: process: 4 completed (ok) without an open invocation"));
  EXPECT_THAT(error_of(kInvoke + R"({"index":1,"process":0,"type":"invoke","time":2})"
                                 "\n"),
              HasSubstr("line 2: process: 0 invoked again"));
  EXPECT_THAT(error_of(kInvoke + R"({"index":0,"process":1,"type":"invoke","time":2})"
                                 "\n"),
              HasSubstr("line 2: index: "));
}

}  // namespace
}  // namespace isocheck
