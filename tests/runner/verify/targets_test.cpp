// `verify --target`: parsing targets, two embedded targets with different
// settings in one run, PgBouncer targets in session and transaction
// pooling, and a target that cannot start (exit 2 naming it, the other
// targets still reported). Cells are short: these test the plumbing, not
// PostgreSQL.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "checker/claims/verify_json.h"
#include "runner/cluster/child_command.h"
#include "runner/cluster/pgbouncer.h"
#include "runner/verify/target_spec.h"
#include "runner/verify/verify_matrix.h"
#include "tests/runner/cluster/sql_probe.h"
#include "tests/runner/verify/child_process.h"
#include "tests/support/test_paths.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;

class TargetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = fs::temp_directory_path() /
               fmt::format("isocheck-targets-test-{}-{}", ::getpid(),
                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(scratch_);
    fs::create_directories(scratch_);
  }
  void TearDown() override { fs::remove_all(scratch_); }

  VerifyOptions options(std::vector<std::string> targets) {
    VerifyOptions o;
    for (const std::string& t : targets) o.targets.push_back(parse_target(t, "test"));
    o.levels = {"serializable"};
    o.workloads = {Workload::kListAppend};
    o.duration = std::chrono::milliseconds(700);
    o.hot_duration = std::chrono::milliseconds(0);
    o.clients = 4;
    o.quiet = true;
    o.out_dir = (scratch_ / "out").string();
    return o;
  }

  fs::path scratch_;
};

TEST(TargetSpecTest, EachKindOfSpec) {
  TargetSpec e =
      parse_target("ser=embedded:default_transaction_isolation=serializable,fsync=on", "--target");
  EXPECT_EQ(e.kind, TargetKind::kEmbedded);
  ASSERT_EQ(e.settings.size(), 2u);
  EXPECT_EQ(e.settings[0].second, "serializable");
  EXPECT_TRUE(parse_target("plain=embedded:", "--target").settings.empty());
  TargetSpec b = parse_target("pooled=pgbouncer:transaction", "--target");
  EXPECT_EQ(b.kind, TargetKind::kPgBouncer);
  EXPECT_EQ(b.pool_mode, PoolMode::kTransaction);
  TargetSpec d = parse_target("prod=host=db1 dbname=qa password=secret", "--target");
  EXPECT_EQ(d.kind, TargetKind::kDsn);
  EXPECT_EQ(d.dsn, "host=db1 dbname=qa password=secret");
  EXPECT_EQ(d.display.find("secret"), std::string::npos) << d.display;
  EXPECT_EQ(parse_target("uri=postgresql://db2/qa", "--target").kind, TargetKind::kDsn);
  TargetSpec dir = parse_target("pg16=/opt/pg16/bin", "--target");
  EXPECT_EQ(dir.kind, TargetKind::kBinDir);
  EXPECT_EQ(*dir.bin_dir, fs::path("/opt/pg16/bin"));
  EXPECT_THROW(parse_target("no spec", "--target"), VerifyError);
  EXPECT_THROW(parse_target("a/b=embedded:", "--target"), VerifyError);
  EXPECT_THROW(parse_target("p=pgbouncer:statement", "--target"), VerifyError);
  EXPECT_THROW(parse_target("e=embedded:fsync", "--target"), VerifyError);
}

TEST_F(TargetsTest, ATargetsFileSkipsCommentsAndNamesTheBadLine) {
  fs::path file = scratch_ / "targets.txt";
  std::ofstream(file) << "# nightly\n\na=embedded:\n  b=pgbouncer:session\n";
  std::vector<TargetSpec> targets = read_targets_file(file.string());
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[1].name, "b");
  std::ofstream(file, std::ios::app) << "c=pgbouncer:sometimes\n";
  try {
    read_targets_file(file.string());
    FAIL() << "a bad line was accepted";
  } catch (const VerifyError& e) {
    EXPECT_NE(std::string(e.what()).find(file.string() + ":5: target c"), std::string::npos)
        << e.what();
  }
}

TEST_F(TargetsTest, TwoEmbeddedTargetsWithOtherSettingsAndOneThatCannotStart) {
  VerifyRun run = run_verify_matrix(
      options({"rc=embedded:", "ser=embedded:default_transaction_isolation=serializable",
               "broken=/nonexistent/pg/bin"}));
  const VerifyReport& r = run.report;
  ASSERT_EQ(r.targets.size(), 3u);
  for (size_t i = 0; i < 2; ++i) {
    const VerifyResult& t = r.targets[i];
    EXPECT_TRUE(t.error.empty()) << t.name << ": " << t.error;
    ASSERT_EQ(t.cells.size(), 1u) << t.name;
    EXPECT_GT(t.cells[0].ok, 0u) << t.name;
    EXPECT_TRUE(fs::exists(scratch_ / "out" / t.name / t.cells[0].history_path)) << t.name;
    EXPECT_NE(t.server_version.find("PostgreSQL"), std::string::npos);
  }
  // The server's own word for its setting, not only what was asked.
  EXPECT_EQ(r.targets[0].settings.at("default_transaction_isolation"), "read committed");
  EXPECT_EQ(r.targets[1].settings.at("default_transaction_isolation"), "serializable");
  EXPECT_NE(r.targets[2].error.find("/nonexistent/pg/bin"), std::string::npos)
      << r.targets[2].error;
  EXPECT_TRUE(r.targets[2].cells.empty());
  EXPECT_TRUE(r.failed());
}

TEST_F(TargetsTest, PgBouncerTargetsInSessionAndTransactionPooling) {
  VerifyRun run =
      run_verify_matrix(options({"session=pgbouncer:session", "txn=pgbouncer:transaction"}));
  ASSERT_EQ(run.report.targets.size(), 2u);
  for (const VerifyResult& t : run.report.targets) {
    EXPECT_TRUE(t.error.empty()) << t.name << ": " << t.error;
    ASSERT_EQ(t.cells.size(), 1u) << t.name;
    EXPECT_GT(t.cells[0].ok, 0u) << t.name;
    EXPECT_EQ(t.cells[0].indeterminate, 0u) << t.name;
    EXPECT_TRUE(t.cells[0].anomalies.empty()) << t.name;
    EXPECT_FALSE(t.claims.violated()) << t.name;
  }
}

TEST_F(TargetsTest, PgBouncerProxiesToItsServerAndStopsWithIt) {
  ClusterOptions o;
  EmbeddedCluster cluster(o);
  std::optional<pid_t> bouncer_pid;
  {
    PgBouncer bouncer(cluster, PoolMode::kTransaction, 4);
    EXPECT_NE(bouncer.port(), cluster.port());
    EXPECT_EQ(testing::query_value(bouncer.conninfo(), "SHOW port"),
              std::to_string(cluster.port()));
    std::ifstream pidfile(cluster.data_dir().parent_path() / "pgbouncer" / "pgbouncer.pid");
    long pid = 0;
    ASSERT_TRUE(pidfile >> pid);
    bouncer_pid = static_cast<pid_t>(pid);
    EXPECT_TRUE(process_alive(*bouncer_pid));
  }
  EXPECT_FALSE(process_alive(*bouncer_pid));
}

TEST_F(TargetsTest, TheCommandExitsTwoNamingTheBrokenTargetAndReportsTheOther) {
  isocheck::testing::ChildResult r = isocheck::testing::run_child(
      {isocheck::testing::isocheck_binary(), "verify", "--target", "ok=embedded:", "--target",
       "broken=/nonexistent/pg/bin", "--levels", "serializable", "--workloads", "rw-register",
       "--duration", "500ms", "--hot-duration", "0", "--clients", "4", "--quiet", "--out",
       (scratch_ / "cli").string()},
      scratch_);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("target broken: --pg-bin /nonexistent/pg/bin"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("=== target ok: embedded: ==="), std::string::npos) << r.out;
  VerifyReport back = read_verify_report((scratch_ / "cli" / "verify.json").string());
  ASSERT_EQ(back.targets.size(), 2u);
  EXPECT_EQ(back.targets[0].cells.size(), 1u);
  EXPECT_FALSE(back.targets[1].error.empty());
  std::ifstream junit(scratch_ / "cli" / "junit.xml");
  std::string xml((std::istreambuf_iterator<char>(junit)), std::istreambuf_iterator<char>());
  EXPECT_NE(xml.find("classname=\"ok/serializable\""), std::string::npos);
}

}  // namespace
}  // namespace isocheck::runner
