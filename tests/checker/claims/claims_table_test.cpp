#include "checker/claims/claims_table.h"

#include <gtest/gtest.h>

#include <set>

#include "tests/checker/claims/cell_fixtures.h"

namespace isocheck {
namespace {

using testing::make_cell;
using K = AnomalyKind;
using P = Phenomenon;

ClaimsTable judge(std::vector<CellOutcome> cells) { return judge_claims(cells); }

// A lost write under kill is judged in the kill column only; the fault-free
// column of the same level keeps its claim.
TEST(ClaimsTable, EachFaultSetIsJudgedOnItsOwnCells) {
  CellOutcome clean = make_cell("serializable", "list-append");
  CellOutcome killed = make_cell("serializable", "list-append", {{K::kLostWrite, 3}});
  killed.faults = "kill";
  ClaimsTable t = judge({clean, killed});
  EXPECT_EQ(t.fault_sets, (std::vector<std::string>{"none", "kill"}));
  EXPECT_EQ(t.levels, std::vector<std::string>{"serializable"});
  EXPECT_EQ(t.claims.size(), 2 * static_cast<size_t>(kPhenomenonCount));
  EXPECT_EQ(t.find("serializable", P::kLostWrite)->verdict, ClaimVerdict::kHolds);
  const ClaimRow* row = t.find("serializable", P::kLostWrite, "kill");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->verdict, ClaimVerdict::kViolated);
  EXPECT_EQ(row->observed, 3u);
  EXPECT_EQ(t.find("read-committed", P::kLostWrite, "kill"), nullptr);
  EXPECT_TRUE(t.violated());
  EXPECT_EQ(claims_column_label("serializable", "kill"), "serializable under kill");
  EXPECT_EQ(claims_column_label("serializable", "none"), "serializable");
}

TEST(ClaimsTable, CleanSerializableRunHoldsEveryTestedClaim) {
  ClaimsTable t =
      judge({make_cell("serializable", "list-append"), make_cell("serializable", "bank")});
  ASSERT_EQ(t.levels, std::vector<std::string>{"serializable"});
  ASSERT_EQ(t.claims.size(), static_cast<size_t>(kPhenomenonCount));
  for (const ClaimRow& row : t.claims) {
    EXPECT_FALSE(row.claimed_possible) << phenomenon_info(row.phenomenon).name;
    EXPECT_EQ(row.observed, 0u);
    const PhenomenonInfo& info = phenomenon_info(row.phenomenon);
    ClaimVerdict want = info.shown_by.empty() || !info.tested_only_by.empty()
                            ? ClaimVerdict::kNotTested
                            : ClaimVerdict::kHolds;
    EXPECT_EQ(row.verdict, want) << phenomenon_info(row.phenomenon).name;
  }
  EXPECT_FALSE(t.violated());
  EXPECT_FALSE(t.unknown());
}

// A cell that committed nothing (a 1 ms duration, a server that refused
// every transaction) saw no anomaly because it looked at nothing: the claims
// it alone would support are unknown, saying why, never "claim holds".
TEST(ClaimsTable, ACellThatCommittedNothingLeavesItsClaimsUnknown) {
  CellOutcome empty = make_cell("serializable", "list-append");
  empty.ok = 0;
  empty.transactions = empty.failed + empty.indeterminate;
  ClaimsTable t = judge({empty});
  const ClaimRow* lost = t.find("serializable", P::kLostWrite);
  ASSERT_NE(lost, nullptr);
  EXPECT_EQ(lost->verdict, ClaimVerdict::kUnknown);
  ASSERT_FALSE(lost->unknown_reasons.empty());
  EXPECT_NE(lost->unknown_reasons[0].find("no transaction committed"), std::string::npos)
      << lost->unknown_reasons[0];
  EXPECT_TRUE(t.unknown());
  EXPECT_FALSE(t.violated());
  // The same cell with its commits holds the claim.
  EXPECT_EQ(judge({make_cell("serializable", "list-append")})
                .find("serializable", P::kLostWrite)
                ->verdict,
            ClaimVerdict::kHolds);
}

TEST(ClaimsTable, PhantomReadIsNotTestedWithoutThePredicateWorkload) {
  ClaimsTable t = judge({make_cell("repeatable-read", "rw-register")});
  EXPECT_EQ(t.find("repeatable-read", P::kPhantomRead)->verdict, ClaimVerdict::kNotTested);
}

TEST(ClaimsTable, PhantomReadIsTestedByThePredicateWorkload) {
  ClaimsTable t =
      judge({make_cell("repeatable-read", "rw-register"), make_cell("repeatable-read", "predicate"),
             make_cell("read-committed", "predicate", {{K::kPhantom, 4}})});
  EXPECT_EQ(t.find("repeatable-read", P::kPhantomRead)->verdict, ClaimVerdict::kHolds);
  EXPECT_EQ(t.find("read-committed", P::kPhantomRead)->verdict, ClaimVerdict::kAllowedSeen);
}

TEST(ClaimsTable, WriteSkewUnderSerializableViolatesTheClaimWithAWitness) {
  ClaimsTable t = judge({make_cell("serializable", "list-append"),
                         make_cell("serializable", "rw-register", {{K::kG2Item, 3}})});
  const ClaimRow* row = t.find("serializable", P::kSerializationAnomaly);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->verdict, ClaimVerdict::kViolated);
  EXPECT_EQ(row->observed, 3u);
  EXPECT_EQ(row->kinds_seen, std::vector<AnomalyKind>{K::kG2Item});
  ASSERT_TRUE(row->witness.has_value());
  EXPECT_EQ(row->witness->workload, "rw-register");
  EXPECT_EQ(row->witness->kind, K::kG2Item);
  EXPECT_FALSE(row->witness->lines.empty());
  EXPECT_EQ(row->witness->explain_link, "serializable-rw-register.explain/G2-item-1.txt");
  EXPECT_TRUE(t.violated());
  // The other claims are untouched by a serialization anomaly.
  EXPECT_EQ(t.find("serializable", P::kDirtyRead)->verdict, ClaimVerdict::kHolds);
}

TEST(ClaimsTable, WriteSkewUnderRepeatableReadIsAllowedAndSeen) {
  ClaimsTable t = judge({make_cell("repeatable-read", "list-append", {{K::kG2Item, 2}}),
                         make_cell("read-committed", "list-append")});
  EXPECT_EQ(t.find("repeatable-read", P::kSerializationAnomaly)->verdict,
            ClaimVerdict::kAllowedSeen);
  EXPECT_EQ(t.find("read-committed", P::kSerializationAnomaly)->verdict,
            ClaimVerdict::kAllowedNotSeen);
  EXPECT_EQ(t.find("read-committed", P::kNonrepeatableRead)->verdict,
            ClaimVerdict::kAllowedNotSeen);
  EXPECT_FALSE(t.violated());
}

TEST(ClaimsTable, CountsOfOnePhenomenonAddUpAcrossKindsAndWorkloads) {
  ClaimsTable t = judge({make_cell("repeatable-read", "list-append", {{K::kGSingleItem, 2}}),
                         make_cell("repeatable-read", "bank", {{K::kWrongTotal, 1}})});
  const ClaimRow* row = t.find("repeatable-read", P::kNonrepeatableRead);
  EXPECT_EQ(row->verdict, ClaimVerdict::kViolated);
  EXPECT_EQ(row->observed, 3u);
  EXPECT_EQ(row->kinds_seen, (std::vector<AnomalyKind>{K::kGSingleItem, K::kWrongTotal}));
}

TEST(ClaimsTable, ACutSearchMakesCycleClaimsUnknownButNotTheOthers) {
  ClaimsTable t = judge({make_cell("serializable", "list-append", {}, /*search_incomplete=*/true)});
  const ClaimRow* serial = t.find("serializable", P::kSerializationAnomaly);
  EXPECT_EQ(serial->verdict, ClaimVerdict::kUnknown);
  ASSERT_EQ(serial->unknown_reasons.size(), 1u);
  EXPECT_NE(serial->unknown_reasons[0].find("list-append"), std::string::npos);
  // Lost writes and corrupt reads are not cycles: a cut cycle search does
  // not weaken them.
  EXPECT_EQ(t.find("serializable", P::kLostWrite)->verdict, ClaimVerdict::kHolds);
  EXPECT_EQ(t.find("serializable", P::kIntegrity)->verdict, ClaimVerdict::kHolds);
  EXPECT_TRUE(t.unknown());
  EXPECT_FALSE(t.violated());
}

TEST(ClaimsTable, ACutSearchLeavesAllowedPhenomenaAllowed) {
  ClaimsTable t = judge({make_cell("repeatable-read", "bank", {}, /*search_incomplete=*/true)});
  // Nothing forbidden hangs on it: an unseen allowed phenomenon breaks no claim.
  EXPECT_EQ(t.find("repeatable-read", P::kSerializationAnomaly)->verdict,
            ClaimVerdict::kAllowedNotSeen);
  EXPECT_EQ(t.find("repeatable-read", P::kNonrepeatableRead)->verdict, ClaimVerdict::kUnknown);
}

TEST(ClaimsTable, AnAnomalySeenDespiteACutSearchIsStillAViolation) {
  ClaimsTable t =
      judge({make_cell("serializable", "list-append", {{K::kG1c, 1}}, /*search_incomplete=*/true)});
  EXPECT_EQ(t.find("serializable", P::kDirtyRead)->verdict, ClaimVerdict::kViolated);
  EXPECT_TRUE(t.find("serializable", P::kDirtyRead)->unknown_reasons.empty());
}

TEST(ClaimsTable, EveryVerdictIsReachable) {
  std::set<ClaimVerdict> reached;
  for (auto cells :
       {std::vector<CellOutcome>{make_cell("serializable", "list-append", {{K::kG2Item, 1}})},
        std::vector<CellOutcome>{make_cell("read-committed", "list-append")},
        std::vector<CellOutcome>{make_cell("read-committed", "bank", {{K::kLostUpdate, 1}})},
        std::vector<CellOutcome>{make_cell("repeatable-read", "bank", {}, true)}})
    for (const ClaimRow& row : judge(cells).claims) reached.insert(row.verdict);
  EXPECT_EQ(reached.size(), static_cast<size_t>(kClaimVerdictCount));
}

TEST(ClaimsTable, LevelsComeWeakestFirstAndUnknownLevelsAreIgnored) {
  ClaimsTable t = judge({make_cell("serializable", "bank"), make_cell("read committed", "bank"),
                         make_cell("snapshot", "bank", {{K::kG0, 1}})});
  EXPECT_EQ(t.levels, (std::vector<std::string>{"read-committed", "serializable"}));
  EXPECT_EQ(t.claims.size(), 2u * kPhenomenonCount);
  EXPECT_FALSE(t.violated());
}

TEST(ClaimsTable, DetailsCountEachKindPerWorkload) {
  ClaimsTable t = judge({make_cell("repeatable-read", "list-append", {{K::kG2Item, 4}}),
                         make_cell("repeatable-read", "rw-register", {{K::kG2Item, 1}})});
  const KindDetail* found = nullptr;
  for (const KindDetail& d : t.details)
    if (d.level == "repeatable-read" && d.kind == K::kG2Item) found = &d;
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->total, 5u);
  EXPECT_EQ(found->phenomenon, P::kSerializationAnomaly);
  EXPECT_TRUE(found->claimed_possible);
  ASSERT_EQ(found->per_workload.size(), 2u);
  EXPECT_EQ(found->per_workload[0].workload, "list-append");
  EXPECT_EQ(found->per_workload[0].count, 4u);
  EXPECT_EQ(found->per_workload[1].count, 1u);
}

TEST(ClaimsTable, VerdictSlugsRoundTrip) {
  for (int v = 0; v < kClaimVerdictCount; ++v) {
    auto verdict = static_cast<ClaimVerdict>(v);
    EXPECT_EQ(parse_claim_verdict_slug(claim_verdict_slug(verdict)), verdict);
  }
  EXPECT_FALSE(parse_claim_verdict_slug("CLAIM VIOLATED").has_value());
}

}  // namespace
}  // namespace isocheck
