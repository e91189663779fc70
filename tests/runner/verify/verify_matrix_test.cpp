// `isocheck verify` end to end against a throwaway server this test starts:
// serializable keeps every claim, repeatable read shows write skew (allowed)
// but no nonrepeatable read, the binary's exit codes, and the HTML report
// as a real browser renders it.
#include "runner/verify/verify_matrix.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

#include "checker/claims/html_report.h"
#include "checker/claims/junit_report.h"
#include "checker/claims/verify_json.h"
#include "checker/formats/load_history.h"
#include "runner/cluster/embedded_cluster.h"
#include "tests/runner/verify/child_process.h"
#include "tests/support/test_paths.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;
using isocheck::testing::run_child;

class VerifyMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ClusterOptions o;
    // As verify gives its own server: deadlocks noticed fast, so short cells do real work.
    o.settings = {{"deadlock_timeout", "20ms"}};
    cluster_ = new EmbeddedCluster(o);
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }
  void SetUp() override {
    scratch_ = fs::temp_directory_path() /
               fmt::format("isocheck-verify-test-{}-{}", ::getpid(),
                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(scratch_);
    fs::create_directories(scratch_);
  }
  void TearDown() override { fs::remove_all(scratch_); }

  VerifyOptions options(std::vector<std::string> levels, std::vector<Workload> workloads,
                        std::chrono::milliseconds duration) {
    VerifyOptions o;
    o.dsn = cluster_->conninfo();
    o.levels = std::move(levels);
    o.workloads = std::move(workloads);
    o.duration = duration;
    o.hot_duration = std::chrono::milliseconds(0);
    o.clients = 8;
    o.quiet = true;
    o.out_dir = (scratch_ / "out").string();
    return o;
  }

  std::vector<std::string> isocheck(std::vector<std::string> args) {
    args.insert(args.begin(), isocheck::testing::isocheck_binary());
    return args;
  }

  static EmbeddedCluster* cluster_;
  fs::path scratch_;
};

EmbeddedCluster* VerifyMatrixTest::cluster_ = nullptr;

TEST_F(VerifyMatrixTest, SerializableKeepsEveryClaimAndWritesEveryCellsFiles) {
  VerifyRun run = run_verify_matrix(
      options({"serializable"}, {Workload::kListAppend, Workload::kRwRegister, Workload::kBank},
              std::chrono::milliseconds(2000)));
  const VerifyResult& r = run.report.targets.at(0);
  EXPECT_FALSE(run.interrupted);
  ASSERT_EQ(r.cells.size(), 3u);
  EXPECT_NE(r.server_version.find("PostgreSQL"), std::string::npos);
  for (const CellOutcome& c : r.cells) {
    EXPECT_GT(c.ok, 0u) << c.workload;
    EXPECT_TRUE(c.anomalies.empty()) << c.workload << ": " << anomaly_name(c.anomalies[0].kind);
    fs::path out = scratch_ / "out";
    EXPECT_TRUE(fs::exists(out / c.history_path)) << c.history_path;
    EXPECT_TRUE(fs::exists(out / ("serializable-" + c.workload + ".json")));
    EXPECT_TRUE(fs::is_directory(out / c.explain_dir));
  }
  for (const ClaimRow& row : r.claims.claims)
    EXPECT_TRUE(row.verdict == ClaimVerdict::kHolds || row.verdict == ClaimVerdict::kNotTested)
        << phenomenon_info(row.phenomenon).name << ": " << claim_verdict_name(row.verdict);
  EXPECT_FALSE(r.claims.violated());
}

TEST_F(VerifyMatrixTest, RepeatableReadShowsWriteSkewButNoNonrepeatableRead) {
  // Write skew needs the right interleaving; run until it shows, up to a cap.
  constexpr int kMaxAttempts = 5;
  bool seen = false;
  for (int attempt = 0; attempt < kMaxAttempts && !seen; ++attempt) {
    VerifyOptions o =
        options({"repeatable-read"}, {Workload::kListAppend}, std::chrono::milliseconds(3000));
    o.seed = static_cast<uint64_t>(attempt);
    VerifyRun run = run_verify_matrix(o);
    const ClaimsTable& t = run.report.targets.at(0).claims;
    EXPECT_EQ(t.find("repeatable-read", Phenomenon::kNonrepeatableRead)->verdict,
              ClaimVerdict::kHolds);
    EXPECT_EQ(t.find("repeatable-read", Phenomenon::kDirtyRead)->verdict, ClaimVerdict::kHolds);
    EXPECT_FALSE(t.violated());
    seen = t.find("repeatable-read", Phenomenon::kSerializationAnomaly)->verdict ==
           ClaimVerdict::kAllowedSeen;
  }
  EXPECT_TRUE(seen) << "no serialization anomaly at repeatable read in " << kMaxAttempts << " runs";
}

TEST_F(VerifyMatrixTest, TheHotFreshKeyCellRunsAtSerializableWithItsOwnShapeAndFiles) {
  VerifyOptions o = options({"serializable", "repeatable-read"}, {Workload::kListAppend},
                            std::chrono::milliseconds(1000));
  o.hot_duration = std::chrono::milliseconds(1500);
  std::vector<VerifyCell> cells = verify_cells(o);
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells.back().level, "serializable");
  EXPECT_EQ(cells.back().shape, &kHotFreshKeysShape);
  EXPECT_EQ(cells.back().duration, std::chrono::milliseconds(1500));
  VerifyRun run = run_verify_matrix(o);
  ASSERT_EQ(run.report.targets.at(0).cells.size(), 3u);
  const CellOutcome& hot = run.report.targets.at(0).cells.back();
  EXPECT_EQ(hot.workload, "list-append-hot-fresh-keys");
  EXPECT_TRUE(fs::exists(scratch_ / "out" / "serializable-list-append-hot-fresh-keys.pb"));
  // The shape's own knobs reached the generator: at most 4 writes per key
  // means many keys, four micro-ops at most per transaction.
  History h =
      load_history((scratch_ / "out" / "serializable-list-append-hot-fresh-keys.pb").string())
          .history;
  int64_t max_key = 0;
  size_t max_mops = 0;
  for (const Txn& t : h.txns) {
    if (t.final_read) continue;
    max_mops = std::max<size_t>(max_mops, t.mop_count);
    for (const Mop& m : h.mops_of(t)) max_key = std::max(max_key, m.key);
  }
  EXPECT_LE(max_mops, 4u);
  EXPECT_GT(max_key, 8);
  // Without serializable, or with the hot cell switched off, there is none.
  o.levels = {"repeatable-read"};
  EXPECT_EQ(verify_cells(o).size(), 1u);
  o.levels = {"serializable"};
  o.hot_duration = std::chrono::milliseconds(0);
  EXPECT_EQ(verify_cells(o).size(), 1u);
}

TEST_F(VerifyMatrixTest, PredicateWorkloadTestsThePhantomReadClaim) {
  VerifyOptions o = options({"repeatable-read", "read-committed"}, {Workload::kPredicate},
                            std::chrono::milliseconds(2000));
  VerifyRun run = run_verify_matrix(o);
  const ClaimsTable& t = run.report.targets.at(0).claims;
  EXPECT_EQ(t.find("repeatable-read", Phenomenon::kPhantomRead)->verdict, ClaimVerdict::kHolds);
  EXPECT_NE(t.find("read-committed", Phenomenon::kPhantomRead)->verdict, ClaimVerdict::kNotTested);
  EXPECT_FALSE(t.violated());
}

TEST_F(VerifyMatrixTest, UnknownLevelsAndWorkloadsAreRejectedBeforeAnyRun) {
  VerifyOptions o = options({"snapshot"}, {}, std::chrono::milliseconds(1000));
  EXPECT_THROW(run_verify_matrix(o), VerifyError);
  EXPECT_FALSE(fs::exists(o.out_dir));
  // Two distinct levels by the four default workloads.
  EXPECT_EQ(verify_cells(options({"rr", "serializable", "RR"}, {}, std::chrono::seconds(1))).size(),
            8u);
}

// Fault sets are a dimension of their own: each level × workload once per
// set, claims judged per set, and every report says which set a row is.
TEST_F(VerifyMatrixTest, FaultSetsRunEachCellAgainAndAreJudgedApart) {
  VerifyOptions o = options({"serializable"}, {Workload::kListAppend}, std::chrono::seconds(4));
  o.dsn.reset();  // kill needs the embedded server
  o.fault_sets = {"none", "kill"};
  o.nemesis_interval = std::chrono::milliseconds(1000);
  VerifyRun run = run_verify_matrix(o);
  const VerifyResult& r = run.report.targets.at(0);
  ASSERT_EQ(r.cells.size(), 2u);
  EXPECT_EQ(r.cells[0].faults, "none");
  EXPECT_EQ(r.cells[1].faults, "kill");
  EXPECT_EQ(r.cells[1].history_path, "serializable-list-append-kill.pb");
  EXPECT_FALSE(r.cells[1].timeline.faults.empty()) << "no fault window in the faulted cell";
  EXPECT_TRUE(r.cells[0].timeline.faults.empty());
  EXPECT_EQ(r.claims.fault_sets, (std::vector<std::string>{"none", "kill"}));
  const ClaimRow* faulted = r.claims.find("serializable", Phenomenon::kLostWrite, "kill");
  ASSERT_NE(faulted, nullptr);
  EXPECT_EQ(faulted->verdict, ClaimVerdict::kHolds);
  EXPECT_FALSE(r.claims.violated());

  std::string junit = junit_xml(r);
  EXPECT_NE(junit.find("classname=\"serializable under kill\""), std::string::npos);
  EXPECT_NE(junit.find("classname=\"serializable\""), std::string::npos);
  write_html_report(r, (scratch_ / "report").string());
  std::ifstream in(scratch_ / "report" / "index.html");
  std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(html.find("id=\"claims-kill\""), std::string::npos);
  EXPECT_NE(html.find("class=\"fault-window fault-kill\""), std::string::npos);
  VerifyResult back = parse_verify_json(verify_json(r), "test");
  EXPECT_EQ(back.cells[1].faults, "kill");
  EXPECT_EQ(back.claims.find("serializable", Phenomenon::kLostWrite, "kill")->verdict,
            ClaimVerdict::kHolds);
}

// Partition, clock and failover need a server set up for them: each such
// cell starts its own (a namespace, libfaketime, a primary with a
// synchronous standby), and the claims hold under each.
TEST_F(VerifyMatrixTest, FaultSetsNeedingTheirOwnServerRunOnOne) {
  VerifyOptions o = options({"serializable"}, {Workload::kListAppend}, std::chrono::seconds(5));
  o.dsn.reset();
  o.fault_sets = {"clock", "failover"};
  if (::geteuid() == 0) o.fault_sets.push_back("partition");
  o.nemesis_interval = std::chrono::milliseconds(1000);
  VerifyRun run = run_verify_matrix(o);
  const VerifyResult& r = run.report.targets.at(0);
  ASSERT_EQ(r.cells.size(), o.fault_sets.size());
  for (size_t i = 0; i < r.cells.size(); ++i) {
    EXPECT_EQ(r.cells[i].faults, o.fault_sets[i]);
    EXPECT_FALSE(r.cells[i].timeline.faults.empty()) << o.fault_sets[i];
  }
  EXPECT_FALSE(r.claims.violated());
}

TEST_F(VerifyMatrixTest, ServerFaultsAreRefusedWithADsnAndUnknownFaultsAlways) {
  VerifyOptions o = options({"serializable"}, {}, std::chrono::seconds(1));
  o.fault_sets = {"kill"};
  EXPECT_THROW(verify_fault_sets(o), VerifyError);
  o.fault_sets = {"none", "terminate"};
  EXPECT_EQ(verify_fault_sets(o).size(), 2u);
  o.fault_sets = {"pause+explode"};
  EXPECT_THROW(verify_fault_sets(o), VerifyError);
  o.fault_sets = {};
  EXPECT_EQ(verify_fault_sets(o), std::vector<std::string>{"none"});
}

TEST_F(VerifyMatrixTest, BinaryExitCodesReportsAndCompare) {
  fs::path out = scratch_ / "nightly";
  auto ok = run_child(isocheck({"verify", "--dsn", cluster_->conninfo(), "--levels", "serializable",
                                "--workloads", "list-append,bank", "--duration", "2s",
                                "--hot-duration", "0", "--quiet", "--out", out.string()}),
                      scratch_);
  ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("serialization anomaly"), std::string::npos) << ok.out;
  EXPECT_TRUE(fs::exists(out / "verify.json"));
  EXPECT_TRUE(fs::exists(out / "junit.xml"));
  EXPECT_TRUE(fs::exists(out / "report" / "index.html"));

  // Usage errors and unreachable or missing servers: 2 with one line.
  for (std::vector<std::string> bad :
       {std::vector<std::string>{"verify", "--levels", "snapshot"},
        std::vector<std::string>{"verify", "--duration", "ten"},
        std::vector<std::string>{"verify", "--pg-bin", (scratch_ / "no-such-dir").string()},
        std::vector<std::string>{"verify", "--dsn",
                                 "host=127.0.0.1 port=1 connect_timeout=3 password=hunter2",
                                 "--duration", "1s"}}) {
    bad.insert(bad.end(), {"--quiet", "--out", (scratch_ / "bad").string()});
    auto r = run_child(isocheck(bad), scratch_);
    EXPECT_EQ(r.exit_code, 2) << bad[1] << ": " << r.out << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.find("hunter2"), std::string::npos);
  }

  // compare: identical runs -> 0; a planted violation -> 1; bad JSON -> 2.
  std::string before = (out / "verify.json").string();
  auto same = run_child(isocheck({"compare", before, before}), scratch_);
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  nlohmann::json j = nlohmann::json::parse(isocheck::testing::slurp(before));
  for (auto& claim : j["claims"])
    if (claim["phenomenon"] == "lost-write") claim["verdict"] = "violated";
  std::string after = (scratch_ / "after.json").string();
  std::ofstream(after) << j.dump();
  auto worse = run_child(isocheck({"compare", before, after}), scratch_);
  EXPECT_EQ(worse.exit_code, 1) << worse.out << worse.err;
  EXPECT_NE(worse.out.find("NEWLY VIOLATED: lost write at serializable"), std::string::npos)
      << worse.out;
  std::ofstream(scratch_ / "broken.json") << "{\"format\": ";
  auto broken =
      run_child(isocheck({"compare", before, (scratch_ / "broken.json").string()}), scratch_);
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_EQ(std::count(broken.err.begin(), broken.err.end(), '\n'), 1) << broken.err;
}

TEST_F(VerifyMatrixTest, HeadlessChromiumRendersTheClaimsTableAndCharts) {
  const std::string chromium = "/usr/bin/chromium";
  if (::access(chromium.c_str(), X_OK) != 0) GTEST_SKIP() << "no " << chromium;
  VerifyResult r = run_verify_matrix(options({"read-committed"}, {Workload::kRwRegister},
                                             std::chrono::milliseconds(1500)))
                       .report.targets.at(0);
  fs::path report = scratch_ / "report";
  write_html_report(r, report.string());
  auto dom =
      run_child({chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--user-data-dir=" + (scratch_ / "chromium-profile").string(),
                 "--dump-dom", "file://" + (report / "index.html").string()},
                scratch_);
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  EXPECT_NE(dom.out.find("id=\"claims\""), std::string::npos);
  EXPECT_NE(dom.out.find("nonrepeatable read"), std::string::npos);
  EXPECT_NE(dom.out.find("<svg"), std::string::npos);
  EXPECT_NE(dom.out.find("class=\"ok-rate\""), std::string::npos);
}

}  // namespace
}  // namespace isocheck::runner
