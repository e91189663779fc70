#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "checker/formats/load_history.h"
#include "tests/checker/formats/format_test_support.h"

namespace isocheck {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

class EdnReader : public ::testing::Test {
 protected:
  LoadedHistory load(std::string_view text, LoadOptions options = {}) {
    testing::write_file(path_, text);
    options.format = HistoryFormat::kEdn;
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
  std::string path_ = dir_.file("history.edn");
};

std::vector<int64_t> list_of(const History& h, const Mop& m) {
  auto l = h.list_of(m);
  return {l.begin(), l.end()};
}

TEST_F(EdnReader, ReadsJepsenListAppendOps) {
  LoadedHistory got = load(
      "{:type :invoke, :f :txn, :value [[:append 9 1] [:r 8 nil]], :time 3291485317, :process 0, "
      ":index 0}\n"
      "{:type :ok, :f :txn, :value [[:append 9 1] [:r 8 [1 2 4]]], :time 3291485400, :process 0, "
      ":index 1}\n");
  const History& h = got.history;
  ASSERT_EQ(h.txns.size(), 1u);
  const Txn& t = h.txns[0];
  EXPECT_EQ(t.status, TxnStatus::kOk);
  EXPECT_EQ(t.invoke_ns, 3291485317);
  EXPECT_EQ(t.complete_ns, 3291485400);
  EXPECT_EQ(t.complete_index, 1u);
  ASSERT_EQ(t.mop_count, 2u);
  EXPECT_EQ(h.mops[0].kind, MopKind::kAppend);
  EXPECT_EQ(h.mops[0].key, 9);
  EXPECT_EQ(h.mops[0].value, 1);
  EXPECT_EQ(h.mops[1].kind, MopKind::kReadList);
  EXPECT_EQ(list_of(h, h.mops[1]), (std::vector<int64_t>{1, 2, 4}));
  EXPECT_EQ(h.header.workload, Workload::kListAppend);
}

TEST_F(EdnReader, NilReadsBecomeEmptyListsInListAppend) {
  LoadedHistory got = load(
      "{:type :invoke, :f :txn, :value [[:r 8 nil] [:append 8 3]], :process 0}\n"
      "{:type :ok, :f :txn, :value [[:r 8 nil] [:append 8 3]], :process 0}\n");
  const Mop& r = got.history.mops[0];
  EXPECT_EQ(r.kind, MopKind::kReadList);
  EXPECT_TRUE(r.has_result);
  EXPECT_EQ(r.list_size, 0u);
}

TEST_F(EdnReader, NilReadsStayRegisterReadsInRwRegister) {
  LoadedHistory got = load(
      "{:type :invoke, :f :txn, :value [[:r 3 nil] [:w 3 7]], :process 0}\n"
      "{:type :ok, :f :txn, :value [[:r 3 nil] [:w 3 7]], :process 0}\n"
      "{:type :invoke, :f :txn, :value [[:r 3 nil]], :process 1}\n"
      "{:type :ok, :f :txn, :value [[:r 3 7]], :process 1}\n");
  const History& h = got.history;
  EXPECT_EQ(h.header.workload, Workload::kRwRegister);
  EXPECT_EQ(h.mops[0].kind, MopKind::kReadRegister);
  EXPECT_TRUE(h.mops[0].is_nil);
  EXPECT_EQ(h.mops[2].kind, MopKind::kReadRegister);
  EXPECT_EQ(h.mops[2].value, 7);
  EXPECT_FALSE(h.mops[2].is_nil);
}

TEST_F(EdnReader, WorkloadOverrideSettlesNilOnlyHistories) {
  std::string text =
      "{:type :invoke, :f :txn, :value [[:r 1 nil]], :process 0}\n"
      "{:type :ok, :f :txn, :value [[:r 1 nil]], :process 0}\n";
  EXPECT_EQ(load(text).history.mops[0].kind, MopKind::kReadRegister);
  LoadOptions list_append;
  list_append.workload_override = Workload::kListAppend;
  LoadedHistory got = load(text, list_append);
  EXPECT_EQ(got.history.mops[0].kind, MopKind::kReadList);
  EXPECT_EQ(got.history.header.workload, Workload::kListAppend);
}

TEST_F(EdnReader, MixingListAndRegisterResultsIsAnError) {
  EXPECT_THAT(
      error_of("{:type :invoke, :f :txn, :value [[:r 1 nil] [:r 2 nil]], :process 0, :index 0}\n"
               "{:type :ok, :f :txn, :value [[:r 1 [1 2]] [:r 2 5]], :process 0, :index 1}\n"),
      HasSubstr(
          "index 1: value[1]: a register read with a value (key 2) in a list-append history"));
  EXPECT_THAT(error_of("{:type :invoke, :f :txn, :value [[:append 1 1]], :process 0, :index 0}\n"
                       "{:type :ok, :f :txn, :value [[:append 1 1]], :process 0, :index 1}\n"
                       "{:type :invoke, :f :txn, :value [[:w 1 1]], :process 0, :index 2}\n"),
              HasSubstr("index 2: value[0]: a register write"));
}

TEST_F(EdnReader, AggregateReadsTakeOneIntegerOrNil) {
  History h =
      load(
          "{:type :invoke, :f :txn, :value [[:sum-keys [:key-range 1 9] nil]], :process 0}\n"
          "{:type :ok, :f :txn, :value [[:sum-keys [:key-range 1 9] 12]], :process 0}\n")
          .history;
  ASSERT_EQ(h.mops.size(), 1u);
  EXPECT_EQ(h.row_mop_of(h.mops[0]).aggregate, Aggregate::kSumKeys);
  EXPECT_TRUE(h.mops[0].has_result);
  EXPECT_EQ(h.mops[0].value, 12);
  EXPECT_THAT(
      error_of("{:type :ok, :f :txn, :value [[:count [:group 1] [[1 2 1]]]], :process 0}\n"),
      HasSubstr("nil or the aggregate, an integer"));
}

TEST_F(EdnReader, KeywordKeysGetStableIds) {
  LoadedHistory got = load(
      "{:type :invoke, :f :txn, :value [[:append :x 1] [:append :y 2] [:r :x nil]], :process 0}\n"
      "{:type :ok, :f :txn, :value [[:append :x 1] [:append :y 2] [:r :x [1]]], :process 0}\n");
  const History& h = got.history;
  EXPECT_EQ(h.mops[0].key, h.mops[2].key);
  EXPECT_NE(h.mops[0].key, h.mops[1].key);
  ASSERT_EQ(got.warnings.size(), 1u);
  EXPECT_THAT(got.warnings[0], HasSubstr(":x = -1, :y = -2"));
  EXPECT_THAT(
      error_of("{:type :invoke, :f :txn, :value [[:append :x 1] [:append -4 2]], :process 0}\n"),
      HasSubstr("line 1: value: "));
}

TEST_F(EdnReader, SkipsNemesisOpsWhateverTheirValue) {
  LoadedHistory got = load(
      "{:type :info, :f :start-partition, :value :majority, :process :nemesis, :time 5, :index 0}\n"
      "{:type :info, :f :start-partition, :value {\"n1\" #{\"n2\" \"n3\"}, \"n2\" [\"n1\"]}, "
      ":process :nemesis, :time 6, :index 1}\n"
      "{:type :invoke, :f :txn, :value [[:append 1 1]], :time 7, :process 0, :index 2}\n"
      "{:type :ok, :f :txn, :value [[:append 1 1]], :time 8, :process 0, :index 3}\n");
  ASSERT_EQ(got.history.txns.size(), 1u);
  EXPECT_EQ(got.history.txns[0].invoke_index, 2u);
}

TEST_F(EdnReader, SkipsUnknownKeysAndTaggedLiterals) {
  LoadedHistory got = load(
      "#jepsen.history.Op{:type :invoke, :f :txn, :value [[:append 1 2]], :time 1, :process 4, "
      ":index 0,"
      " :node \"n1\", :extra {:a [1.5e3 #{2 3} (4 \"x\\\"y\\n\") \\a \\newline sym/bol ##Inf]"
      " :b #inst \"2020-01-01T00:00:00Z\" :c nil :d true 12N}}\n"
      "; a comment line\n"
      "{:type :ok, :f :txn, :value ([:append 1 2]), :time 2, :process 4, :index 1, :wall #{:x}}\n");
  ASSERT_EQ(got.history.txns.size(), 1u);
  EXPECT_EQ(got.history.txns[0].process, 4);
  EXPECT_EQ(got.history.txns[0].status, TxnStatus::kOk);
}

TEST_F(EdnReader, MissingIndexAndTimeDefaultToOrdinalAndPreviousTime) {
  LoadedHistory got = load(
      "{:type :info, :f :kill, :value nil, :process :nemesis}\n"
      "{:type :invoke, :f :txn, :value [[:append 1 2]], :process 0, :time 50}\n"
      "{:type :ok, :f :txn, :value [[:append 1 2]], :process 0}\n");
  const Txn& t = got.history.txns[0];
  EXPECT_EQ(t.invoke_index, 1u);
  EXPECT_EQ(t.complete_index, 2u);
  EXPECT_EQ(t.complete_ns, 50);
}

TEST_F(EdnReader, ErrorsBecomeTheTransactionsError) {
  LoadedHistory got = load(
      "{:type :invoke, :f :txn, :value [[:append 1 2]], :process 0}\n"
      "{:type :fail, :f :txn, :value [[:append 1 2]], :process 0, :error [:sqlstate \"40001\" "
      "\"could not \\\"serialize\\\"\"]}\n"
      "{:type :invoke, :f :txn, :value [[:append 1 3]], :process 1}\n"
      "{:type :info, :f :txn, :value [[:append 1 3]], :process 1, :error {:type :timeout, :ms "
      "500}}\n"
      "{:type :invoke, :f :txn, :value [[:append 1 4]], :process 2}\n"
      "{:type :fail, :f :txn, :value [[:append 1 4]], :process 2, :error \"plain\"}\n");
  const History& h = got.history;
  EXPECT_EQ(h.error_of(h.txns[0]).sqlstate, "40001");
  EXPECT_EQ(h.error_of(h.txns[0]).message, "could not \"serialize\"");
  EXPECT_EQ(h.error_of(h.txns[1]).sqlstate, "");
  EXPECT_EQ(h.error_of(h.txns[1]).message, "{:type :timeout, :ms 500}");
  EXPECT_EQ(h.error_of(h.txns[2]).message, "plain");
}

TEST_F(EdnReader, InfoCompletionNilReadsAreUnknown) {
  LoadedHistory got = load(
      "{:type :invoke, :f :txn, :value [[:append 1 2] [:r 1 nil]], :process 0}\n"
      "{:type :info, :f :txn, :value [[:append 1 2] [:r 1 nil]], :process 0}\n");
  EXPECT_FALSE(got.history.mops[1].has_result);
}

TEST_F(EdnReader, OpMapMaySpanLines) {
  LoadedHistory got = load(
      "{:type :invoke,\n :f :txn,\n :value [[:append 1 2]],\n :process 0}\n"
      "{:type :ok, :f :txn, :value [[:append 1 2]], :process 0}");
  EXPECT_EQ(got.history.txns.size(), 1u);
}

TEST_F(EdnReader, MalformedInputNamesLineAndField) {
  const std::string invoke = "{:type :invoke, :f :txn, :value [[:append 1 2]], :process 0}\n";
  EXPECT_THAT(error_of(""), HasSubstr("byte 0: file: is empty"));
  EXPECT_THAT(error_of(invoke + "{:type :ok, :f :txn, :value [[:append 1 2]], :process 0"),
              HasSubstr("line 2: op: the file ends inside this op (cut?)"));
  EXPECT_THAT(error_of(invoke + "{:type :ok, :f :txn, :value [[:append 1 2"),
              HasSubstr("line 2: value: the file ends inside this op (cut?)"));
  EXPECT_THAT(error_of(invoke + "{:type :ok, :process \"zero\"}\n"),
              HasSubstr("line 2: process: expected an integer or keyword process, found \"\"\""));
  EXPECT_THAT(error_of("{:type :invoke, :time :soon, :process 0}\n"),
              HasSubstr("line 1: time: expected an integer time"));
  EXPECT_THAT(error_of("{:type :bogus, :process 0}\n"),
              HasSubstr("line 1: type: unknown type :bogus"));
  EXPECT_THAT(error_of("{:type :invoke, :f :txn, :value 5, :process 0}\n"),
              HasSubstr("line 1: value: expected a vector of micro-ops"));
  EXPECT_THAT(error_of("{:type :invoke, :f :txn, :value [[:append 1 2] [:cas 1 2]], :process 0}\n"),
              HasSubstr("line 1: value: micro-op 1: unknown micro-op function :cas"));
  EXPECT_THAT(error_of("{:type :invoke, :f :txn, :value [[:append 1 :two]], :process 0}\n"),
              HasSubstr("line 1: value: micro-op 0: expected an integer value, found \":two\""));
  EXPECT_THAT(error_of("{:type :invoke, :f :txn, :value [[:r 1 [1 x]]], :process 0}\n"),
              HasSubstr("micro-op 0: expected an integer list element, found \"x\""));
  EXPECT_THAT(error_of("{:type :invoke, :f :read, :value nil, :process 0}\n"),
              HasSubstr("line 1: f: :read is not :txn"));
  EXPECT_THAT(error_of("{:type :invoke, :value []}\n"), HasSubstr("line 1: process: missing"));
  EXPECT_THAT(error_of("{:process 1, :value []}\n"), HasSubstr("line 1: type: missing"));
  EXPECT_THAT(error_of("[1 2 3]\n"), HasSubstr("line 1: op: expected an op map"));
  EXPECT_THAT(error_of(invoke + "\n\n{:type :ok, :value [(]], :process 0}\n"),
              HasSubstr("line 4: value: unbalanced ']'"));
  EXPECT_THAT(error_of("{:type :invoke, :process 99999999999999999999}\n"),
              HasSubstr("line 1: process: expected"));
}

TEST_F(EdnReader, PairingErrorsNameTheLine) {
  EXPECT_THAT(error_of("{:type :ok, :f :txn, :value [[:append 1 2]], :process 3}\n"),
              HasSubstr("line 1: process: 3 completed (ok) without an open invocation"));
  EXPECT_THAT(error_of("{:type :invoke, :f :txn, :value [[:append 1 2]], :process 3}\n"
                       "{:type :invoke, :f :txn, :value [[:append 1 3]], :process 3}\n"),
              HasSubstr("line 2: process: 3 invoked again"));
  EXPECT_THAT(error_of("{:type :invoke, :f :txn, :value [[:append 1 2]], :process 3}\n"
                       "{:type :ok, :f :txn, :value [[:append 1 5]], :process 3}\n"),
              HasSubstr("line 2: value: micro-op 0 differs"));
}

TEST_F(EdnReader, FileCutAtEveryByteIsAnErrorOrAWholePrefix) {
  const std::string text =
      "{:type :invoke, :f :txn, :value [[:append 1 2] [:r 1 nil]], :time 10, :process 0, :index "
      "0}\n"
      "{:type :ok, :f :txn, :value [[:append 1 2] [:r 1 [2]]], :time 20, :process 0, :index 1, "
      ":error \"x\"}\n";
  for (size_t cut = 1; cut < text.size(); ++cut) {
    SCOPED_TRACE(cut);
    std::string_view prefix = std::string_view(text).substr(0, cut);
    bool whole_ops = prefix.ends_with("}") || prefix.ends_with("}\n");
    bool only_space = prefix.find_last_not_of('\n') == std::string_view::npos;
    if (whole_ops || only_space) {
      EXPECT_NO_THROW(load(prefix));
    } else {
      EXPECT_THAT(error_of(prefix), HasSubstr("(cut?)"));
    }
  }
}

TEST_F(EdnReader, MutatedInputLoadsOrFailsCleanly) {
  const std::string text =
      "{:type :invoke, :f :txn, :value [[:append 1 2] [:r 1 nil]], :time 10, :process 0, :index "
      "0}\n"
      "{:type :info, :f :kill, :value {:a #{1 \"x\"}}, :process :nemesis, :index 1}\n"
      "{:type :ok, :f :txn, :value [[:append 1 2] [:r 1 [2]]], :time 20, :process 0, :index 2}\n";
  std::mt19937_64 rng(11);
  const std::string alphabet = "{}[]()#:\"\\ \n;,0123456789-anilNx";
  int loaded = 0, rejected = 0;
  for (int trial = 0; trial < 600; ++trial) {
    std::string mutated = text;
    for (int k = 0; k < 1 + static_cast<int>(rng() % 3); ++k)
      mutated[rng() % mutated.size()] = alphabet[rng() % alphabet.size()];
    testing::write_file(path_, mutated);
    try {
      load_history(path_);
      ++loaded;
    } catch (const LoadError& e) {
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
      ++rejected;
    }
  }
  EXPECT_GT(rejected, 0);
  EXPECT_EQ(loaded + rejected, 600);
}

}  // namespace
}  // namespace isocheck
