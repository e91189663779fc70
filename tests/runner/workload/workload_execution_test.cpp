// Each workload's SQL against a real throwaway server.
#include <gtest/gtest.h>

#include <memory>

#include "runner/cluster/embedded_cluster.h"
#include "runner/pg/bounded_exec.h"
#include "runner/workload/txn_executor.h"
#include "runner/workload/workload_table.h"

namespace isocheck::runner {
namespace {

class WorkloadExecution : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cluster_ = new EmbeddedCluster(ClusterOptions{}); }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  // Runs `plan` in its own committed transaction and returns the completion.
  proto::Event run(TxnExecutor& executor, PgConnection& conn, const TxnPlan& plan,
                   TxnEffect expected = TxnEffect::kApplied) {
    proto::Event completion;
    conn.exec("BEGIN ISOLATION LEVEL SERIALIZABLE");
    EXPECT_EQ(executor.run(plan, completion, WaitLimits{}), expected);
    conn.exec(expected == TxnEffect::kApplied ? "COMMIT" : "ROLLBACK");
    return completion;
  }

  static EmbeddedCluster* cluster_;
};

EmbeddedCluster* WorkloadExecution::cluster_ = nullptr;

std::vector<int64_t> list_of(const proto::Mop& m) { return {m.list().begin(), m.list().end()}; }

TEST_F(WorkloadExecution, ListAppendThenReadGivesTheListInAppendOrder) {
  PgConnection conn(cluster_->conninfo());
  WorkloadTable table(Workload::kListAppend, run_table_prefix(0x1a));
  table.create(conn);
  TxnExecutor executor(conn, Workload::kListAppend, table.name());

  proto::Event empty = run(executor, conn, {{{MopKind::kReadList, 3, 0}}});
  ASSERT_EQ(empty.mops_size(), 1);
  EXPECT_TRUE(empty.mops(0).has_result());
  EXPECT_TRUE(list_of(empty.mops(0)).empty());

  run(executor, conn, {{{MopKind::kAppend, 3, 10}, {MopKind::kAppend, 4, 1}}});
  proto::Event within =
      run(executor, conn,
          {{{MopKind::kAppend, 3, 11}, {MopKind::kReadList, 3, 0}, {MopKind::kReadList, 4, 0}}});
  ASSERT_EQ(within.mops_size(), 3);
  EXPECT_EQ(within.mops(0).kind(), proto::Mop::APPEND);
  EXPECT_EQ(within.mops(0).value(), 11);
  EXPECT_EQ(list_of(within.mops(1)), (std::vector<int64_t>{10, 11}));
  EXPECT_EQ(list_of(within.mops(2)), (std::vector<int64_t>{1}));

  TxnPlan final_plan;
  final_read_plan(Workload::kListAppend, 6, final_plan);
  proto::Event final_read;
  conn.exec("BEGIN");
  executor.read_keys(final_plan, final_read, WaitLimits{});
  conn.exec("COMMIT");
  ASSERT_EQ(final_read.mops_size(), 6);
  EXPECT_EQ(list_of(final_read.mops(3)), (std::vector<int64_t>{10, 11}));
  EXPECT_EQ(list_of(final_read.mops(4)), (std::vector<int64_t>{1}));
  EXPECT_TRUE(final_read.mops(5).has_result());
  EXPECT_TRUE(list_of(final_read.mops(5)).empty());
  table.drop(conn);
}

TEST_F(WorkloadExecution, RegisterUpsertOverwritesAndAbsentReadsNil) {
  PgConnection conn(cluster_->conninfo());
  WorkloadTable table(Workload::kRwRegister, run_table_prefix(0x2b));
  table.create(conn);
  TxnExecutor executor(conn, Workload::kRwRegister, table.name());

  proto::Event absent = run(executor, conn, {{{MopKind::kReadRegister, 1, 0}}});
  EXPECT_TRUE(absent.mops(0).has_result());
  EXPECT_TRUE(absent.mops(0).is_nil());

  run(executor, conn, {{{MopKind::kWrite, 1, 5}}});
  proto::Event r = run(
      executor, conn,
      {{{MopKind::kReadRegister, 1, 0}, {MopKind::kWrite, 1, 6}, {MopKind::kReadRegister, 1, 0}}});
  EXPECT_FALSE(r.mops(0).is_nil());
  EXPECT_EQ(r.mops(0).value(), 5);
  EXPECT_EQ(r.mops(1).kind(), proto::Mop::WRITE);
  EXPECT_EQ(r.mops(2).value(), 6);
  table.drop(conn);
}

TEST_F(WorkloadExecution, BankConservesTheTotalAndSkipsOverdrafts) {
  PgConnection conn(cluster_->conninfo());
  WorkloadTable table(Workload::kBank, run_table_prefix(0x3c));
  table.create(conn, 5, 103);
  TxnExecutor executor(conn, Workload::kBank, table.name());

  auto total_of = [](const proto::Event& e) {
    int64_t sum = 0;
    for (const proto::Mop& m : e.mops()) {
      EXPECT_TRUE(m.has_result());
      EXPECT_FALSE(m.is_nil());
      sum += m.value();
    }
    return sum;
  };
  TxnPlan read_all;
  for (int64_t a = 0; a < 5; ++a) read_all.mops.push_back({MopKind::kReadRegister, a, 0});
  proto::Event before = run(executor, conn, read_all);
  ASSERT_EQ(before.mops_size(), 5);
  EXPECT_EQ(total_of(before), 103);
  EXPECT_EQ(before.mops(1).value(), 20);

  run(executor, conn, {{{MopKind::kAdjust, 1, -7}, {MopKind::kAdjust, 2, 7}}});
  run(executor, conn, {{{MopKind::kAdjust, 1, -14}, {MopKind::kAdjust, 3, 14}}},
      TxnEffect::kSkipped);
  proto::Event after = run(executor, conn, read_all);
  EXPECT_EQ(total_of(after), 103);
  EXPECT_EQ(after.mops(1).value(), 13);
  EXPECT_EQ(after.mops(2).value(), 27);
  EXPECT_EQ(after.mops(3).value(), 20);
  table.drop(conn);
}

TEST_F(WorkloadExecution, ServerErrorsCarryTheirSqlstate) {
  PgConnection conn(cluster_->conninfo());
  try {
    conn.exec("SELECT * FROM isocheck_no_such_table");
    FAIL() << "query on a missing table succeeded";
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "42P01");
    EXPECT_FALSE(e.connection_lost());
  }
  EXPECT_TRUE(conn.ok());
}

TEST_F(WorkloadExecution, UnreachableServerIsAOneLineConnectError) {
  try {
    PgConnection conn("host=127.0.0.1 port=1 dbname=postgres", std::chrono::seconds(2));
    FAIL() << "connected to port 1";
  } catch (const PgError& e) {
    std::string what = e.what();
    EXPECT_TRUE(what.starts_with("cannot connect")) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos);
    EXPECT_TRUE(e.connection_lost());
  }
}

TEST_F(WorkloadExecution, ClientTimeoutAbandonsTheWait) {
  PgConnection conn(cluster_->conninfo());
  WaitLimits limits;
  limits.timeout = std::chrono::milliseconds(200);
  auto started = std::chrono::steady_clock::now();
  try {
    exec_bounded(conn, "SELECT pg_sleep(30)", limits);
    FAIL() << "pg_sleep(30) returned within the test";
  } catch (const AbandonedWait& e) {
    EXPECT_EQ(e.abandon_reason(), AbandonReason::kTimeout);
    EXPECT_TRUE(e.connection_lost());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

}  // namespace
}  // namespace isocheck::runner
