#include "checker/claims/compare.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/checker/claims/cell_fixtures.h"

namespace isocheck {
namespace {

using testing::make_cell;
using testing::make_result;
using K = AnomalyKind;
using P = Phenomenon;

TEST(CompareVerify, IdenticalRunsShowNoChange) {
  VerifyResult r = make_result({make_cell("serializable", "bank", {{K::kG2Item, 1}})});
  VerifyComparison c = compare_verify(r, r);
  EXPECT_TRUE(c.claims.empty());
  EXPECT_EQ(c.newly_violated, 0u);
  ASSERT_EQ(c.cells.size(), 1u);
  EXPECT_TRUE(c.cells[0].new_kinds.empty());
  ASSERT_TRUE(c.cells[0].throughput_change_percent.has_value());
  EXPECT_DOUBLE_EQ(*c.cells[0].throughput_change_percent, 0);
}

TEST(CompareVerify, PlantedRegressionIsReported) {
  VerifyResult before =
      make_result({make_cell("serializable", "list-append"),
                   make_cell("repeatable-read", "list-append", {{K::kG2Item, 2}})});
  CellOutcome regressed = make_cell("serializable", "list-append", {{K::kGSingleItem, 1}});
  regressed.throughput = before.cells[0].throughput * 0.75;
  VerifyResult after = make_result({regressed, make_cell("repeatable-read", "list-append")});
  VerifyComparison c = compare_verify(before, after);

  EXPECT_EQ(c.newly_violated, 1u);
  bool flipped = false;
  for (const ClaimChange& ch : c.claims)
    if (ch.level == "serializable" && ch.phenomenon == P::kNonrepeatableRead) {
      EXPECT_EQ(ch.before, ClaimVerdict::kHolds);
      EXPECT_EQ(ch.after, ClaimVerdict::kViolated);
      flipped = true;
    }
  EXPECT_TRUE(flipped);
  ASSERT_EQ(c.cells.size(), 2u);
  EXPECT_EQ(c.cells[0].new_kinds, std::vector<AnomalyKind>{K::kGSingleItem});
  ASSERT_TRUE(c.cells[0].throughput_change_percent.has_value());
  EXPECT_NEAR(*c.cells[0].throughput_change_percent, -25.0, 1e-9);
  EXPECT_EQ(c.cells[1].vanished_kinds, std::vector<AnomalyKind>{K::kG2Item});

  std::ostringstream text;
  print_comparison(text, c);
  EXPECT_NE(text.str().find("NEWLY VIOLATED: nonrepeatable read at serializable: claim holds -> "
                            "CLAIM VIOLATED"),
            std::string::npos)
      << text.str();
  EXPECT_NE(text.str().find("new anomalies: G-single-item"), std::string::npos);
  EXPECT_NE(text.str().find("(-25.0%)"), std::string::npos);
}

TEST(CompareVerify, AFixedViolationIsAChangeButNotARegression) {
  VerifyResult before = make_result({make_cell("serializable", "bank", {{K::kG2Item, 1}})});
  VerifyResult after = make_result({make_cell("serializable", "bank")});
  VerifyComparison c = compare_verify(before, after);
  EXPECT_EQ(c.newly_violated, 0u);
  ASSERT_EQ(c.claims.size(), 1u);
  EXPECT_EQ(c.claims[0].after, ClaimVerdict::kHolds);
}

TEST(CompareVerify, CellsAndLevelsInOnlyOneRunAreListed) {
  VerifyResult before = make_result({make_cell("serializable", "bank")});
  VerifyResult after = make_result(
      {make_cell("serializable", "bank"), make_cell("read-committed", "bank", {{K::kG0, 1}})});
  VerifyComparison c = compare_verify(before, after);
  EXPECT_EQ(c.only_after, std::vector<std::string>{"read-committed/bank"});
  EXPECT_TRUE(c.only_before.empty());
  // A level that was not run before has claims that were not judged; its
  // violation counts as new.
  EXPECT_EQ(c.newly_violated, 1u);
  for (const ClaimChange& ch : c.claims) EXPECT_FALSE(ch.before.has_value());
}

}  // namespace
}  // namespace isocheck
