// Each fault against a real throwaway server: what start() breaks is really
// broken, and heal() really mends it.
#include "runner/nemesis/fault_injector.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "runner/cluster/embedded_cluster.h"
#include "runner/cluster/process_tree.h"
#include "runner/nemesis/fault_kind.h"
#include "runner/pg/bounded_exec.h"
#include "runner/pg/pg_connection.h"
#include "tests/runner/cluster/sql_probe.h"

namespace isocheck::runner {
namespace {

using testing::query_value;
using testing::server_answers;

NemesisTarget target_of(EmbeddedCluster& cluster) {
  return {&cluster, cluster.conninfo(), "isocheck-fault-test", "embedded"};
}

TEST(FaultKinds, ParseListsAndRefuseUnknownOrRepeatedNames) {
  std::vector<FaultKind> kinds = parse_fault_kinds("kill,pause");
  ASSERT_EQ(kinds.size(), 2u);
  EXPECT_EQ(kinds[0], FaultKind::kKill);
  EXPECT_EQ(kinds[1], FaultKind::kPause);
  EXPECT_THROW(parse_fault_kinds("kill,explode"), std::invalid_argument);
  EXPECT_THROW(parse_fault_kinds("kill,kill"), std::invalid_argument);
  EXPECT_THROW(parse_fault_kinds(""), std::invalid_argument);
  EXPECT_FALSE(needs_embedded_server(fault_kind_info(FaultKind::kTerminate)));
  EXPECT_TRUE(needs_embedded_server(fault_kind_info(FaultKind::kKill)));
}

TEST(FaultInjectors, ServerFaultsRefuseATargetWithoutTheEmbeddedServer) {
  NemesisTarget dsn_only{nullptr, "host=127.0.0.1", "isocheck-x", "dsn"};
  EXPECT_THROW(make_kill_fault(dsn_only), FaultError);
  EXPECT_THROW(make_pause_fault(dsn_only), FaultError);
  EXPECT_THROW(make_restart_fault(dsn_only), FaultError);
  EXPECT_NO_THROW(make_terminate_fault(dsn_only));
}

TEST(FaultInjectors, KillTakesTheServerDownAndHealRecoversCommittedRows) {
  EmbeddedCluster cluster(ClusterOptions{});
  {
    PgConnection conn(cluster.conninfo());
    conn.exec("CREATE TABLE t (v int)");
    conn.exec("INSERT INTO t VALUES (7)");
  }
  auto fault = make_kill_fault(target_of(cluster));
  pid_t before = *cluster.postmaster();
  EXPECT_EQ(fault->intent(), "SIGKILL postmaster " + std::to_string(before));
  fault->start();
  EXPECT_FALSE(server_answers(cluster.conninfo()));
  fault->heal();
  EXPECT_NE(*cluster.postmaster(), before);
  EXPECT_EQ(query_value(cluster.conninfo(), "SELECT sum(v) FROM t"), "7");
}

TEST(FaultInjectors, PauseFreezesEveryServerProcessUntilHealed) {
  EmbeddedCluster cluster(ClusterOptions{});
  PgConnection conn(cluster.conninfo());
  auto fault = make_pause_fault(target_of(cluster));
  fault->start();
  pid_t postmaster = *cluster.postmaster();
  EXPECT_EQ(process_state(postmaster), 'T');
  for (pid_t child : child_processes(postmaster)) EXPECT_EQ(process_state(child), 'T') << child;
  WaitLimits limits;
  limits.timeout = std::chrono::milliseconds(500);
  // The connection is open, but nobody answers.
  EXPECT_THROW(exec_bounded(conn, "SELECT 1", limits), AbandonedWait);
  fault->heal();
  EXPECT_NE(process_state(postmaster), 'T');
  EXPECT_EQ(query_value(cluster.conninfo(), "SELECT 1"), "1");
}

TEST(FaultInjectors, TerminateEndsTheRunsBackendsOnlyAndTheirFatalIsCaught) {
  EmbeddedCluster cluster(ClusterOptions{});
  PgConnection ours(cluster.conninfo(), std::chrono::seconds(5), "isocheck-fault-test");
  PgConnection theirs(cluster.conninfo(), std::chrono::seconds(5), "somebody-else");
  auto fault = make_terminate_fault(target_of(cluster));
  EXPECT_EQ(fault->start(), "terminated 1 of 1 backends");
  fault->heal();
  // The backend ends asynchronously; its FATAL, read while idle, is a notice
  // (never printed to stderr) and the connection is then unusable.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (ours.consume_pending_input() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_FALSE(ours.consume_pending_input());
  std::string notices = ours.take_notices();
  EXPECT_NE(notices.find("terminating connection due to administrator command"), std::string::npos)
      << notices;
  EXPECT_THROW(ours.exec("SELECT 1"), PgError);
  EXPECT_EQ(theirs.exec("SELECT 1").text(0, 0), "1");
}

TEST(FaultInjectors, RestartAlternatesFastAndImmediateAndComesBack) {
  EmbeddedCluster cluster(ClusterOptions{});
  auto fault = make_restart_fault(target_of(cluster));
  for (const char* mode : {"fast", "immediate", "fast"}) {
    pid_t before = *cluster.postmaster();
    EXPECT_EQ(fault->intent(), std::string("pg_ctl restart -m ") + mode);
    fault->start();
    fault->heal();
    EXPECT_NE(*cluster.postmaster(), before) << mode;
    EXPECT_EQ(query_value(cluster.conninfo(), "SELECT 1"), "1") << mode;
  }
}

}  // namespace
}  // namespace isocheck::runner
