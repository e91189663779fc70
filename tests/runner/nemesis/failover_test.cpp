// Failover of a throwaway primary with streaming standbys, against servers
// the tests start. Facts of PostgreSQL that must come out right: with async
// replication a commit can be acknowledged before any standby has it, so
// promoting a standby loses acknowledged writes; with remote_apply on every
// standby nothing acknowledged is lost; isolation holds across failovers.
#include <gtest/gtest.h>

#include "runner/cluster/replica_set.h"
#include "tests/runner/nemesis/faulted_run.h"

namespace isocheck::runner::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// Many keys and short transactions: a high commit rate, so that a crash
// catches commits the standby has not received yet. A failover with its
// rewind takes 5-13 s on a loaded 2-core machine, so runs last 40 s.
RunOptions failover_run(const ScratchDir& dir, int replicas, ReplicationMode mode,
                        std::chrono::milliseconds duration,
                        IsolationLevel isolation = IsolationLevel::kSerializable) {
  RunOptions o = faulted_run(dir, "failover", milliseconds(1500), duration, isolation);
  o.replicas = replicas;
  o.replication = mode;
  o.clients = 16;
  o.generator.active_keys = 200;
  o.generator.max_ops_per_txn = 2;
  return o;
}

// Every failover first stalls replication (ReplicaSet::stall_replication)
// and the primary dies while commits made meanwhile have reached no
// standby: with async replication they were acknowledged, so each failover
// loses some, whatever the machine's load. (Before the stall existed, a
// local standby often kept within microseconds of the primary and runs on
// a quiet machine lost nothing.)
TEST(Failover, AsyncReplicationLosesAcknowledgedWrites) {
  ScratchDir dir("async");
  RunOptions o = failover_run(dir, 1, ReplicationMode::kAsync, seconds(20));
  CheckedRun run = run_and_check(o, {"strict-serializable"});
  EXPECT_GE(fault_starts(run.loaded.history, "failover"), 1u);
  EXPECT_GT(count_of(run.result, AnomalyKind::kLostWrite), 0u) << describe_counts(run.result);
  EXPECT_NE(run.result.valid, Validity::kValid);
  EXPECT_TRUE(dir.leftovers({"history.pb"}).empty());
}

TEST(Failover, SyncReplicationToEveryStandbyLosesNothingAndStaysStrictSerializable) {
  ScratchDir dir("sync");
  RunOptions o = failover_run(dir, 2, ReplicationMode::kSync, seconds(40));
  CheckedRun run = run_and_check(o, {"strict-serializable"});
  EXPECT_GE(fault_starts(run.loaded.history, "failover"), 2u);
  EXPECT_GT(run.summary.info + run.summary.fail, 0u) << "the failovers went unnoticed";
  EXPECT_GT(run.summary.ok, 0u);
  EXPECT_EQ(count_of(run.result, AnomalyKind::kLostWrite), 0u);
  EXPECT_EQ(beyond_known_serializable_g2(run.result), "");
  EXPECT_TRUE(dir.leftovers({"history.pb"}).empty());
}

TEST(Failover, RepeatableReadAcrossSyncFailoversIsSnapshotIsolation) {
  ScratchDir dir("rr");
  RunOptions o =
      failover_run(dir, 1, ReplicationMode::kSync, seconds(25), IsolationLevel::kRepeatableRead);
  o.generator.active_keys = 6;
  o.generator.max_ops_per_txn = 4;
  CheckedRun run = run_and_check(o, {"snapshot-isolation"});
  EXPECT_GE(fault_starts(run.loaded.history, "failover"), 2u);
  EXPECT_EQ(run.result.valid, Validity::kValid) << describe_counts(run.result);
}

TEST(Failover, NeedsReplicasAndRefusesSingleServerFaultsWithThem) {
  ScratchDir dir("options");
  RunOptions o = failover_run(dir, 0, ReplicationMode::kAsync, seconds(1));
  EXPECT_THROW(run_workload(o), RunError);
  o.replicas = 1;
  o.nemesis.kinds = parse_fault_kinds("kill");
  try {
    run_workload(o);
    FAIL() << "kill accepted with --replicas";
  } catch (const RunError& e) {
    EXPECT_NE(std::string(e.what()).find("with --replicas only failover"), std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(dir.leftovers({}).empty());
}

}  // namespace
}  // namespace isocheck::runner::testing
