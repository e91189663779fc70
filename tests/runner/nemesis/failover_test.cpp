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

// Whether a crash catches commits the standby has not received is a race.
// "Async can lose acknowledged writes" is a claim of existence, so up to
// three runs (fresh seeds, so other schedules) may try; one must find them.
//
// DISABLED: whether a crash catches acknowledged commits the standby has
// not received depends on the machine's load. On a loaded machine the
// helper's 30-60 s runs lost 23-139 writes; on a lighter one the local
// standby keeps within microseconds of the primary, and `isocheck run
// --replicas 1 --replication async --nemesis failover --duration 60s --seed
// 5` lost none, with the faults branch's binary and with main's alike
// (2026-12-03, four failovers each). A demonstration that holds on any
// machine must make the standby lag on purpose before the crash (stop its
// walreceiver for a moment): issue 12.
TEST(Failover, DISABLED_AsyncReplicationLosesAcknowledgedWrites) {
  size_t lost = 0;
  for (uint64_t attempt = 0; attempt < 3 && lost == 0; ++attempt) {
    ScratchDir dir("async-" + std::to_string(attempt));
    RunOptions o = failover_run(dir, 1, ReplicationMode::kAsync, seconds(40));
    o.generator.seed = 7 + attempt;
    CheckedRun run = run_and_check(o, {"strict-serializable"});
    EXPECT_GE(fault_starts(run.loaded.history, "failover"), 2u);
    lost = count_of(run.result, AnomalyKind::kLostWrite);
    if (lost > 0) {
      EXPECT_NE(run.result.valid, Validity::kValid);
    }
    EXPECT_TRUE(dir.leftovers({"history.pb"}).empty());
  }
  EXPECT_GT(lost, 0u) << "three 40 s runs with failovers lost no acknowledged write";
}

TEST(Failover, SyncReplicationToEveryStandbyLosesNothingAndStaysStrictSerializable) {
  ScratchDir dir("sync");
  RunOptions o = failover_run(dir, 2, ReplicationMode::kSync, seconds(40));
  CheckedRun run = run_and_check(o, {"strict-serializable"});
  EXPECT_GE(fault_starts(run.loaded.history, "failover"), 2u);
  EXPECT_GT(run.summary.info + run.summary.fail, 0u) << "the failovers went unnoticed";
  EXPECT_GT(run.summary.ok, 0u);
  EXPECT_EQ(count_of(run.result, AnomalyKind::kLostWrite), 0u);
  EXPECT_EQ(run.result.valid, Validity::kValid) << describe_counts(run.result);
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
