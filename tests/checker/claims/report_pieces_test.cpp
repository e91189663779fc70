// Tests of the small pieces the reports are built from: escaping, the
// completion timeline and the terminal table.
#include <gtest/gtest.h>

#include <sstream>

#include "checker/claims/claims_text.h"
#include "checker/claims/completion_timeline.h"
#include "checker/claims/markup_escape.h"
#include "checker/claims/timeline_chart.h"
#include "tests/checker/claims/cell_fixtures.h"

namespace isocheck {
namespace {

TEST(MarkupEscape, EscapesMarkupAndReplacesWhatXmlCannotHold) {
  EXPECT_EQ(markup_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(markup_escape("tab\tnl\n"), "tab\tnl\n");
  EXPECT_EQ(markup_escape("x\x01y"), "x\xEF\xBF\xBDy");
  EXPECT_EQ(markup_escape("caf\xC3\xA9"), "caf\xC3\xA9");            // valid UTF-8 kept
  EXPECT_EQ(markup_escape("\xC3"), "\xEF\xBF\xBD");                  // cut sequence
  EXPECT_EQ(markup_escape("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(markup_escape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
}

Txn txn(int64_t invoke_s_tenths, int64_t complete_s_tenths, TxnStatus status) {
  Txn t;
  t.invoke_ns = invoke_s_tenths * 100'000'000;
  t.complete_ns = complete_s_tenths * 100'000'000;
  t.status = status;
  return t;
}

TEST(CompletionTimeline, BucketsCompletionsPerSecondFromTheFirstInvocation) {
  History h;
  h.txns = {txn(10, 12, TxnStatus::kOk), txn(11, 15, TxnStatus::kFail), txn(12, 25, TxnStatus::kOk),
            txn(13, 29, TxnStatus::kInfo), txn(14, 33, TxnStatus::kOk)};
  Txn never = txn(15, 0, TxnStatus::kInfo);
  never.complete_ns = kNeverCompleted;
  Txn final_read = txn(40, 90, TxnStatus::kOk);
  final_read.final_read = true;
  h.txns.push_back(never);
  h.txns.push_back(final_read);
  Timeline t = completion_timeline(h);
  EXPECT_EQ(t.bucket_seconds, 1);
  ASSERT_EQ(t.buckets.size(), 3u);  // 1.0 s .. 3.3 s
  EXPECT_EQ(t.buckets[0].ok, 1u);
  EXPECT_EQ(t.buckets[0].failed, 1u);
  EXPECT_EQ(t.buckets[1].ok, 1u);
  EXPECT_EQ(t.buckets[1].indeterminate, 1u);
  EXPECT_EQ(t.buckets[2].ok, 1u);
}

// Times in txn() are tenths of a second; faults are given in nanoseconds.
TEST(CompletionTimeline, KeepsFaultWindowsClippedToTheRun) {
  History h;
  h.txns = {txn(10, 12, TxnStatus::kOk), txn(11, 35, TxnStatus::kOk)};
  constexpr int64_t kTenth = 100'000'000;
  h.faults = {{"kill", FaultPhase::kStart, "", "", 5 * kTenth},
              {"kill", FaultPhase::kHeal, "", "", 15 * kTenth},
              {"pause", FaultPhase::kStart, "", "", 30 * kTenth},
              {"terminate", FaultPhase::kStart, "", "", 50 * kTenth},
              {"terminate", FaultPhase::kHeal, "", "", 51 * kTenth}};
  Timeline t = completion_timeline(h);
  ASSERT_EQ(t.faults.size(), 2u);  // the terminate after the run is left out
  EXPECT_EQ(t.faults[0].kind, "kill");
  EXPECT_DOUBLE_EQ(t.faults[0].start_seconds, 0.0);  // started before the first invocation
  EXPECT_NEAR(t.faults[0].end_seconds, 0.5, 1e-9);
  EXPECT_TRUE(t.faults[0].healed);
  EXPECT_EQ(t.faults[1].kind, "pause");
  EXPECT_NEAR(t.faults[1].start_seconds, 2.0, 1e-9);
  EXPECT_NEAR(t.faults[1].end_seconds, 2.5, 1e-9);  // never healed: to the last completion
  EXPECT_FALSE(t.faults[1].healed);

  std::string svg = timeline_svg(t, "run");
  EXPECT_NE(svg.find("class=\"fault-window fault-kill\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>pause 2.0s to 2.5s (not healed)</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("fault window"), std::string::npos);
  EXPECT_EQ(timeline_svg(completion_timeline(History{}), "x").find("fault"), std::string::npos);
}

TEST(CompletionTimeline, WidensBucketsForLongRunsAndSurvivesEmptyHistories) {
  EXPECT_TRUE(completion_timeline(History{}).buckets.empty());
  History h;
  h.txns = {txn(0, 1, TxnStatus::kOk), txn(0, 99'999, TxnStatus::kOk)};  // ~10000 s
  Timeline t = completion_timeline(h, 100);
  EXPECT_LE(t.buckets.size(), 100u);
  EXPECT_GE(t.bucket_seconds * static_cast<double>(t.buckets.size()), 9999.0);
  EXPECT_EQ(t.buckets.front().ok + t.buckets.back().ok, 2u);
}

TEST(ClaimsText, PrintsTheGridAndTheViolatedWitness) {
  VerifyResult r =
      testing::make_result({testing::make_cell("serializable", "bank", {{AnomalyKind::kG2Item, 2}}),
                            testing::make_cell("read-committed", "bank")});
  std::ostringstream out;
  print_claims_table(out, r, /*color=*/false);
  std::string text = out.str();
  EXPECT_NE(text.find("serialization anomaly"), std::string::npos);
  EXPECT_NE(text.find("VIOLATED (2)"), std::string::npos);
  EXPECT_NE(text.find("serialization anomaly at serializable: CLAIM VIOLATED"), std::string::npos);
  EXPECT_NE(text.find("form a G2-item cycle on key 7"), std::string::npos);
  EXPECT_EQ(text.find('\033'), std::string::npos);
  // The grid's columns go weakest level first.
  size_t grid = text.find("phenomenon");
  ASSERT_NE(grid, std::string::npos);
  EXPECT_LT(text.find("read-committed", grid), text.find("serializable", grid));
}

// Issue 11: "allowed, seen (1082)allowed, seen (1210)" — a cell wider than
// a fixed column ran into the next. Every column must fit its widest cell
// and keep a gap: each row of the grid splits into as many cells, on two
// spaces, as the header has columns.
TEST(ClaimsText, GridColumnsFitTheirWidestCell) {
  VerifyResult r = testing::make_result(
      {testing::make_cell("read-committed", "list-append", {{AnomalyKind::kGSingleItem, 1082}}),
       testing::make_cell("repeatable-read", "list-append", {{AnomalyKind::kG2Item, 1210}}),
       testing::make_cell("serializable", "list-append", {{AnomalyKind::kG2Item, 123456789}})});
  std::ostringstream out;
  print_claims_table(out, r, /*color=*/false);
  std::istringstream lines(out.str());
  std::string line;
  while (std::getline(lines, line) && line.rfind("phenomenon", 0) != 0) {
  }
  ASSERT_EQ(line.rfind("phenomenon", 0), 0u) << out.str();
  auto columns = [](const std::string& row) {
    std::vector<std::string> cells;
    size_t at = 0;
    while (at < row.size()) {
      size_t gap = row.find("  ", at);
      if (gap == std::string::npos) gap = row.size();
      if (gap > at) cells.push_back(row.substr(at, gap - at));
      at = row.find_first_not_of(' ', gap);
      if (at == std::string::npos) break;
    }
    return cells;
  };
  const size_t header_columns = columns(line).size();
  ASSERT_EQ(header_columns, 4u) << line;
  size_t rows = 0;
  bool saw_wide = false;
  while (std::getline(lines, line) && !line.empty()) {
    ++rows;
    EXPECT_EQ(columns(line).size(), header_columns) << "columns run together: " << line;
    saw_wide |= line.find("VIOLATED (123456789)") != std::string::npos;
  }
  EXPECT_GT(rows, 3u);
  EXPECT_TRUE(saw_wide) << out.str();
}

}  // namespace
}  // namespace isocheck
