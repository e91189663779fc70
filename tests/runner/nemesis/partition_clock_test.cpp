// The partition and clock faults against servers the tests start: each
// really does what it claims (packets vanish and come back; the server's
// wall clock jumps and returns), and no fault alone makes the checker
// report an anomaly. Partition tests need root, as the fault does.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <thread>

#include "runner/cluster/embedded_cluster.h"
#include "runner/cluster/fake_clock.h"
#include "runner/cluster/network_namespace.h"
#include "runner/nemesis/fault_injector.h"
#include "runner/pg/bounded_exec.h"
#include "tests/runner/nemesis/faulted_run.h"
#include "tests/runner/nemesis/namespace_listing.h"

namespace isocheck::runner::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

#define REQUIRE_ROOT() \
  if (!can_create_network_namespaces()) GTEST_SKIP() << "partition needs root"

// The server's wall clock minus ours, in seconds.
double server_clock_offset(const std::string& conninfo) {
  PgConnection conn(conninfo, seconds(5));
  double server = std::stod(
      std::string(conn.exec("SELECT extract(epoch FROM clock_timestamp())::float8").text(0, 0)));
  double ours =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  return server - ours;
}

// Polls until the server's clock offset is within 2 s of `expected`.
bool await_clock_offset(const std::string& conninfo, double expected, seconds cap) {
  auto deadline = std::chrono::steady_clock::now() + cap;
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::abs(server_clock_offset(conninfo) - expected) < 2.0) return true;
    std::this_thread::sleep_for(milliseconds(50));
  }
  return false;
}

TEST(ClockFault, JumpsTheServersWallClockAndHealsBack) {
  ScratchDir dir("clock-jump");
  ClusterOptions co;
  co.parent_dir = dir.path();
  co.fake_clock = true;
  EmbeddedCluster cluster(co);
  ASSERT_TRUE(await_clock_offset(cluster.conninfo(), 0, seconds(5)));
  auto clock = make_clock_fault({&cluster, cluster.conninfo(), "isocheck-x", "embedded"});
  std::string intent = clock->intent();
  clock->start();
  double jump = static_cast<double>(cluster.fake_clock()->offset().count());
  EXPECT_GE(std::abs(jump), 5.0) << intent;
  EXPECT_TRUE(await_clock_offset(cluster.conninfo(), jump, seconds(5))) << intent;
  clock->heal();
  EXPECT_TRUE(await_clock_offset(cluster.conninfo(), 0, seconds(5)));
}

TEST(PartitionFault, StatementsHangWhilePartitionedAndRunAfterTheHeal) {
  REQUIRE_ROOT();
  ScratchDir dir("partition-hang");
  ClusterOptions co;
  co.parent_dir = dir.path();
  co.network_namespace = true;
  EmbeddedCluster cluster(co);
  ASSERT_NE(cluster.conninfo().find("host=10.213."), std::string::npos) << cluster.conninfo();
  PgConnection before(cluster.conninfo(), seconds(5));
  auto partition = make_partition_fault({&cluster, cluster.conninfo(), "isocheck-x", "embedded"});
  partition->start();
  WaitLimits limits;
  limits.timeout = milliseconds(1500);
  try {
    exec_bounded(before, "SELECT 1", limits);
    FAIL() << "a statement got through the partition";
  } catch (const AbandonedWait& e) {
    EXPECT_EQ(e.abandon_reason(), AbandonReason::kTimeout);
  }
  EXPECT_THROW(PgConnection(cluster.conninfo(), seconds(2)), PgError);
  partition->heal();
  PgConnection after(cluster.conninfo(), seconds(5));
  EXPECT_EQ(after.exec("SELECT 1").int64(0, 0), 1);
}

class SerializableUnderNewFault : public ::testing::TestWithParam<const char*> {};

TEST_P(SerializableUnderNewFault, StaysStrictSerializable) {
  if (std::string(GetParam()) == "partition" && !can_create_network_namespaces())
    GTEST_SKIP() << "partition needs root";
  ScratchDir dir(GetParam());
  RunOptions o = faulted_run(dir, GetParam(), milliseconds(2000), seconds(12));
  CheckedRun run = run_and_check(o, {"strict-serializable"});
  EXPECT_GE(fault_starts(run.loaded.history, GetParam()), 2u);
  EXPECT_GT(run.summary.ok, 0u);
  EXPECT_EQ(beyond_known_serializable_g2(run.result), "");
  EXPECT_TRUE(dir.leftovers({"history.pb"}).empty());
  if (std::string(GetParam()) == "partition") {
    std::string netns = partition_namespace(run.loaded.history);
    ASSERT_FALSE(netns.empty());
    EXPECT_FALSE(namespace_exists(netns)) << netns;
    EXPECT_FALSE(host_link_exists(netns)) << netns;
  }
}

INSTANTIATE_TEST_SUITE_P(PartitionAndClock, SerializableUnderNewFault,
                         ::testing::Values("partition", "clock"));

TEST(PartitionAndClock, RepeatableReadUnderBothIsSnapshotIsolation) {
  REQUIRE_ROOT();
  ScratchDir dir("rr-partition-clock");
  RunOptions o = faulted_run(dir, "partition,clock,kill", milliseconds(1500), seconds(14),
                             IsolationLevel::kRepeatableRead);
  CheckedRun run = run_and_check(o, {"snapshot-isolation"});
  EXPECT_GE(run.loaded.history.faults.size(), 6u);
  EXPECT_EQ(run.result.valid, Validity::kValid) << describe_counts(run.result);
}

TEST(PartitionFault, WithoutRootTheRunRefusesInOneLine) {
  ScratchDir dir("not-root");
  if (::geteuid() != 0) {
    EXPECT_THROW(run_workload(faulted_run(dir, "partition", seconds(1), seconds(1))), RunError);
    return;
  }
  // As root: the same check in a child that gives root up first.
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (::setuid(65534) != 0) std::_Exit(3);
    try {
      run_workload(faulted_run(dir, "partition", seconds(1), seconds(1)));
    } catch (const RunError& e) {
      std::_Exit(std::string(e.what()).find("needs root") != std::string::npos ? 0 : 4);
    }
    std::_Exit(5);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

}  // namespace
}  // namespace isocheck::runner::testing
