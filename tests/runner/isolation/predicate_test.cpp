// The predicate workload end to end against a real server, one isolation
// level at a time: PostgreSQL's phantom claims (none at repeatable read,
// stronger than the standard) and what it allows (phantoms at read
// committed, predicate write skew at repeatable read), and the on-call
// invariant that write skew breaks.
#include <gtest/gtest.h>

#include "tests/runner/isolation/checked_run.h"

namespace isocheck::runner::testing {
namespace {

using std::chrono::milliseconds;
using K = AnomalyKind;

constexpr int kMaxHuntRuns = 6;
constexpr milliseconds kHuntRunLength{2500};

size_t phantom_evidence(const CheckResult& r) {
  return count_of(r, K::kPhantom) + count_of(r, K::kGSingle);
}

TEST(PredicateWorkload, ReadCommittedShowsPhantomsButIsReadCommitted) {
  ScratchDir dir("rc-predicate");
  int runs = 0;
  CheckedRun run = run_until_found(
      contended_run(Workload::kPredicate, IsolationLevel::kReadCommitted, kHuntRunLength,
                    dir.file("h.pb")),
      {"strict-serializable"}, [](const CheckResult& r) { return count_of(r, K::kPhantom) > 0; },
      kMaxHuntRuns, runs);
  SCOPED_TRACE("runs: " + std::to_string(runs) + "; " + describe_counts(run.result));
  EXPECT_GT(count_of(run.result, K::kPhantom), 0u);
  EXPECT_GT(run.summary.ok, 100u);
  CheckResult rc = check_again(run, {"read-committed"});
  EXPECT_EQ(rc.valid, Validity::kValid) << describe_counts(rc);
}

TEST(PredicateWorkload, RepeatableReadShowsNoPhantomButPredicateWriteSkew) {
  ScratchDir dir("rr-predicate");
  int runs = 0;
  CheckedRun run = run_until_found(
      contended_run(Workload::kPredicate, IsolationLevel::kRepeatableRead, kHuntRunLength,
                    dir.file("h.pb")),
      {"strict-serializable"},
      [](const CheckResult& r) {
        return count_of(r, K::kG2) > 0 && count_of(r, K::kOnCallOverbooked) > 0;
      },
      kMaxHuntRuns, runs);
  SCOPED_TRACE("runs: " + std::to_string(runs) + "; " + describe_counts(run.result));
  EXPECT_GT(count_of(run.result, K::kG2), 0u);
  // The on-call rule (at most two rows per on-call group) is lost.
  EXPECT_GT(count_of(run.result, K::kOnCallOverbooked), 0u);
  EXPECT_EQ(phantom_evidence(run.result), 0u);
  for (K forbidden : {K::kG0, K::kG1a, K::kG1b, K::kG1c, K::kGSingleItem, K::kGNonadjacent,
                      K::kLostUpdate, K::kLostWrite, K::kGarbageRead, K::kInternal})
    EXPECT_EQ(count_of(run.result, forbidden), 0u) << anomaly_name(forbidden);
  CheckResult si = check_again(run, {"snapshot-isolation"});
  EXPECT_EQ(si.valid, Validity::kValid) << describe_counts(si);
}

TEST(PredicateWorkload, SerializableShowsNeitherAndKeepsTheOnCallRule) {
  ScratchDir dir("ser-predicate");
  CheckedRun run = run_and_check(contended_run(Workload::kPredicate, IsolationLevel::kSerializable,
                                               milliseconds(4000), dir.file("h.pb")),
                                 {"strict-serializable"});
  EXPECT_GT(run.summary.ok, 100u);
  EXPECT_GT(run.summary.fail, 0u) << "no failures: the run was not contended";
  EXPECT_EQ(run.result.valid, Validity::kValid) << describe_counts(run.result);
  EXPECT_TRUE(run.result.counts.empty()) << describe_counts(run.result);
}

}  // namespace
}  // namespace isocheck::runner::testing
