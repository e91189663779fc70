// Whole runs under faults against servers the tests start: what PostgreSQL
// promises must come out right — a crash with synchronous_commit=off loses
// acknowledged commits, one with synchronous_commit=on does not, and no
// fault alone makes the checker report an anomaly.
#include "tests/runner/nemesis/faulted_run.h"

#include <gtest/gtest.h>

#include "runner/cluster/embedded_cluster.h"

namespace isocheck::runner::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

size_t heals(const History& h) {
  size_t n = 0;
  for (const Fault& f : h.faults) n += f.phase == FaultPhase::kHeal;
  return n;
}

// The manual: with synchronous_commit off, "a crash can lose the most
// recent commits". A commit is acknowledged before its WAL leaves shared
// memory; SIGKILL of the postmaster discards shared memory.
TEST(FaultedRun, KillWithSynchronousCommitOffLosesAcknowledgedWrites) {
  ScratchDir dir("sync-off");
  RunOptions o = faulted_run(dir, "kill", milliseconds(2000), seconds(16));
  o.cluster.settings.emplace_back("synchronous_commit", "off");
  CheckedRun run = run_and_check(o, {"strict-serializable"});
  EXPECT_GE(fault_starts(run.loaded.history, "kill"), 3u);
  EXPECT_GT(count_of(run.result, AnomalyKind::kLostWrite), 0u) << describe_counts(run.result);
  EXPECT_NE(run.result.valid, Validity::kValid);
}

TEST(FaultedRun, KillWithSynchronousCommitOnLosesNothing) {
  ScratchDir dir("sync-on");
  RunOptions o = faulted_run(dir, "kill", milliseconds(2000), seconds(16));
  CheckedRun run = run_and_check(o, {"strict-serializable"});
  EXPECT_GE(fault_starts(run.loaded.history, "kill"), 3u);
  EXPECT_GT(run.summary.info + run.summary.fail, 0u) << "the kills went unnoticed";
  EXPECT_EQ(beyond_known_serializable_g2(run.result), "");
  EXPECT_EQ(count_of(run.result, AnomalyKind::kLostWrite), 0u);
}

class SerializableUnderFault : public ::testing::TestWithParam<const char*> {};

TEST_P(SerializableUnderFault, StaysStrictSerializableWithEveryFaultHealed) {
  ScratchDir dir(GetParam());
  RunOptions o = faulted_run(dir, GetParam(), milliseconds(1500), seconds(9));
  CheckedRun run = run_and_check(o, {"strict-serializable"});
  const History& h = run.loaded.history;
  EXPECT_GE(fault_starts(h, GetParam()), 2u);
  EXPECT_EQ(heals(h), h.faults.size() - heals(h)) << "every start is healed";
  EXPECT_GT(run.summary.ok, 0u);
  EXPECT_EQ(beyond_known_serializable_g2(run.result), "");
  EXPECT_TRUE(dir.leftovers({"history.pb"}).empty());
}

INSTANTIATE_TEST_SUITE_P(EachFault, SerializableUnderFault,
                         ::testing::Values("kill", "pause", "terminate", "restart"));

TEST(FaultedRun, RepeatableReadUnderEveryFaultIsSnapshotIsolation) {
  ScratchDir dir("rr");
  RunOptions o = faulted_run(dir, "kill,pause,terminate,restart", milliseconds(1200), seconds(12),
                             IsolationLevel::kRepeatableRead);
  CheckedRun run = run_and_check(o, {"snapshot-isolation"});
  EXPECT_GE(run.loaded.history.faults.size(), 8u);
  EXPECT_EQ(run.result.valid, Validity::kValid) << describe_counts(run.result);
}

TEST(FaultedRun, DsnRunTakesOnlyTerminate) {
  ScratchDir dir("dsn");
  ClusterOptions co;
  co.parent_dir = dir.path();
  EmbeddedCluster server(co);
  RunOptions o = faulted_run(dir, "kill", milliseconds(500), seconds(3));
  o.dsn = server.conninfo();
  try {
    run_workload(o);
    FAIL() << "kill ran against a --dsn server";
  } catch (const RunError& e) {
    EXPECT_NE(std::string(e.what()).find("only terminate works with --dsn"), std::string::npos)
        << e.what();
  }
  o.nemesis.kinds = {FaultKind::kTerminate};
  CheckedRun run = run_and_check(o, {"strict-serializable"});
  EXPECT_GE(fault_starts(run.loaded.history, "terminate"), 2u);
  EXPECT_GT(run.summary.fail + run.summary.info, 0u) << "no backend was terminated";
  EXPECT_EQ(beyond_known_serializable_g2(run.result), "");
}

}  // namespace
}  // namespace isocheck::runner::testing
