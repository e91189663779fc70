// The effective isolation level, for real: every connection of a run
// records what `SHOW transaction_isolation` answers inside a transaction
// begun the way the client begins its own.
//
// isocheck names the level with every BEGIN, which no pooler loses: through
// PgBouncer's transaction pooling the recorded level is the requested one.
// Applications often set it once per connection instead (`--set-isolation
// session`: SET SESSION CHARACTERISTICS, then plain BEGIN). Through
// transaction pooling that SET runs on whichever server connection the
// pooler lent for it, and the next transaction gets another one: isocheck's
// PgBouncer resets a server connection after every transaction
// (server_reset_query_always, pgbouncer.cpp), so the SET is lost for
// certain and every transaction runs at the server default, read committed.
// The check must flag that run, and its serializable claims must not be
// judged. The same session SET on a direct connection holds.
#include "checker/check/effective_isolation.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "checker/check/check_history.h"
#include "checker/claims/cell_from_check.h"
#include "checker/claims/claims_table.h"
#include "checker/formats/load_history.h"
#include "runner/cluster/embedded_cluster.h"
#include "runner/cluster/pgbouncer.h"
#include "runner/run/run_workload.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;

class EffectiveIsolationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ClusterOptions o;
    o.settings = {{"deadlock_timeout", "20ms"}};
    cluster_ = new EmbeddedCluster(o);
    bouncer_ = new PgBouncer(*cluster_, PoolMode::kTransaction, 4);
  }
  static void TearDownTestSuite() {
    delete bouncer_;
    delete cluster_;
  }
  void SetUp() override {
    scratch_ = fs::temp_directory_path() /
               fmt::format("isocheck-effective-{}-{}", ::getpid(),
                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(scratch_);
    fs::create_directories(scratch_);
  }
  void TearDown() override { fs::remove_all(scratch_); }

  History run_at_serializable(const std::string& dsn, IsolationRequest request, bool pooled) {
    RunOptions o;
    o.dsn = dsn;
    o.workload = Workload::kListAppend;
    o.isolation = IsolationLevel::kSerializable;
    o.isolation_request = request;
    o.unnamed_statements = pooled;
    o.duration = std::chrono::milliseconds(700);
    o.clients = 4;
    o.quiet = true;
    o.out = (scratch_ / "h.pb").string();
    run_workload(o);
    return load_history(o.out).history;
  }

  static EmbeddedCluster* cluster_;
  static PgBouncer* bouncer_;
  fs::path scratch_;
};

EmbeddedCluster* EffectiveIsolationTest::cluster_ = nullptr;
PgBouncer* EffectiveIsolationTest::bouncer_ = nullptr;

TEST_F(EffectiveIsolationTest, ALevelNamedWithEveryBeginSurvivesTransactionPooling) {
  History h = run_at_serializable(bouncer_->conninfo(), IsolationRequest::kPerTransaction, true);
  ASSERT_GE(h.sessions.size(), 4u);
  for (const Session& s : h.sessions) EXPECT_EQ(s.level, "serializable") << s.process;
  EXPECT_FALSE(effective_isolation_problem(h));
}

TEST_F(EffectiveIsolationTest, ASessionSetThroughTransactionPoolingIsLostAndFlagged) {
  History h = run_at_serializable(bouncer_->conninfo(), IsolationRequest::kSession, true);
  ASSERT_GE(h.sessions.size(), 4u);
  for (const Session& s : h.sessions) {
    EXPECT_EQ(s.level, "read committed") << s.process;
    EXPECT_GT(s.backend_pid, 0);
  }
  std::optional<std::string> problem = effective_isolation_problem(h);
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("ran at read committed"), std::string::npos) << *problem;
  CheckOptions check;
  check.models = {"strict-serializable"};
  check.workload = Workload::kListAppend;
  CheckResult checked = check_history(h, check);
  CellOutcome cell =
      cell_outcome_from_check({"serializable", "list-append", 0.7, "h.pb", ""}, h, checked);
  EXPECT_EQ(cell.isolation_problem, *problem);
  ClaimsTable claims = judge_claims(std::span<const CellOutcome>(&cell, 1));
  const ClaimRow* row = claims.find("serializable", Phenomenon::kSerializationAnomaly);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->verdict, ClaimVerdict::kUnknown);
}

TEST_F(EffectiveIsolationTest, ASessionSetOnADirectConnectionHolds) {
  History h = run_at_serializable(cluster_->conninfo(), IsolationRequest::kSession, false);
  ASSERT_GE(h.sessions.size(), 4u);
  for (const Session& s : h.sessions) EXPECT_EQ(s.level, "serializable") << s.process;
  EXPECT_FALSE(effective_isolation_problem(h));
  EXPECT_EQ(h.header.statements.at("begin"), "BEGIN");
}

}  // namespace
}  // namespace isocheck::runner
