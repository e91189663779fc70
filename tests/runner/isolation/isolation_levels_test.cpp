// `isocheck run` end to end, one isolation level at a time: what PostgreSQL
// promises must hold, and what it allows must eventually show up — proof
// that the runner records, and the checker sees, real anomalies.
#include <gtest/gtest.h>

#include "tests/runner/isolation/checked_run.h"

namespace isocheck::runner::testing {
namespace {

using std::chrono::milliseconds;
using K = AnomalyKind;

constexpr int kMaxHuntRuns = 6;
constexpr milliseconds kHuntRunLength{2500};

TEST(IsolationLevels, SerializableListAppendIsStrictSerializable) {
  ScratchDir dir("ser-list");
  CheckedRun run = run_and_check(contended_run(Workload::kListAppend, IsolationLevel::kSerializable,
                                               milliseconds(3000), dir.file("h.pb")),
                                 {"strict-serializable"});
  EXPECT_GT(run.summary.ok, 100u);
  EXPECT_GT(run.summary.fail, 0u) << "no serialization failures: the run was not contended";
  EXPECT_EQ(beyond_known_serializable_g2(run.result), "");
}

TEST(IsolationLevels, SerializableRwRegisterIsStrictSerializable) {
  ScratchDir dir("ser-register");
  CheckedRun run = run_and_check(contended_run(Workload::kRwRegister, IsolationLevel::kSerializable,
                                               milliseconds(3000), dir.file("h.pb")),
                                 {"strict-serializable"});
  EXPECT_GT(run.summary.ok, 100u);
  EXPECT_GT(run.summary.fail, 0u) << "no serialization failures: the run was not contended";
  EXPECT_EQ(beyond_known_serializable_g2(run.result), "");
}

// PostgreSQL's REPEATABLE READ is snapshot isolation: write skew (G2-item)
// happens, nothing weaker does.
TEST(IsolationLevels, RepeatableReadShowsWriteSkewButIsSnapshotIsolation) {
  ScratchDir dir("rr-list");
  int runs = 0;
  CheckedRun run = run_until_found(
      contended_run(Workload::kListAppend, IsolationLevel::kRepeatableRead, kHuntRunLength,
                    dir.file("h.pb")),
      {"strict-serializable"}, [](const CheckResult& r) { return count_of(r, K::kG2Item) > 0; },
      kMaxHuntRuns, runs);
  SCOPED_TRACE("runs: " + std::to_string(runs) + "; " + describe_counts(run.result));

  EXPECT_GT(count_of(run.result, K::kG2Item), 0u);
  EXPECT_EQ(run.result.valid, Validity::kInvalid);
  for (K forbidden : {K::kG0, K::kG1a, K::kG1b, K::kG1c, K::kGSingleItem, K::kLostUpdate}) {
    EXPECT_EQ(count_of(run.result, forbidden), 0u) << anomaly_name(forbidden);
  }
  CheckResult serializable = check_again(run, {"serializable"});
  EXPECT_EQ(serializable.valid, Validity::kInvalid);
  EXPECT_GT(count_of(serializable, K::kG2Item), 0u);
  CheckResult si = check_again(run, {"snapshot-isolation"});
  EXPECT_EQ(si.valid, Validity::kValid) << describe_counts(si);
}

// READ COMMITTED takes a snapshot per statement: read skew (G-single-item)
// and lost updates happen; dirty reads never do.
TEST(IsolationLevels, ReadCommittedShowsReadSkewOrLostUpdateButIsReadCommitted) {
  ScratchDir dir("rc-list");
  auto weaker_than_si = [](const CheckResult& r) {
    return count_of(r, K::kGSingleItem) + count_of(r, K::kLostUpdate) > 0;
  };
  int runs = 0;
  CheckedRun run =
      run_until_found(contended_run(Workload::kListAppend, IsolationLevel::kReadCommitted,
                                    kHuntRunLength, dir.file("h.pb")),
                      {"snapshot-isolation"}, weaker_than_si, kMaxHuntRuns, runs);
  SCOPED_TRACE("runs: " + std::to_string(runs) + "; " + describe_counts(run.result));

  EXPECT_TRUE(weaker_than_si(run.result));
  EXPECT_EQ(run.result.valid, Validity::kInvalid);
  CheckResult rc = check_again(run, {"read-committed"});
  EXPECT_EQ(rc.valid, Validity::kValid) << describe_counts(rc);
  for (K forbidden : {K::kG0, K::kG1a, K::kG1b, K::kG1c}) {
    EXPECT_EQ(count_of(rc, forbidden), 0u) << anomaly_name(forbidden);
  }
}

}  // namespace
}  // namespace isocheck::runner::testing
