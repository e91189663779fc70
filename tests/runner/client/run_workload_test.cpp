// run_workload end to end: embedded server, clients, final read, shards.
#include "runner/run/run_workload.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "tests/runner/client/recorded_history.h"

namespace isocheck::runner {
namespace {

class RunWorkload : public ::testing::TestWithParam<std::pair<Workload, int>> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("isocheck-run-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_P(RunWorkload, RecordsAHistoryEndingInAFinalRead) {
  auto [workload, processes] = GetParam();
  RunOptions o;
  o.workload = workload;
  o.isolation = IsolationLevel::kRepeatableRead;
  o.duration = std::chrono::milliseconds(1500);
  o.clients = 4;
  o.processes = processes;
  o.quiet = true;
  o.out = (dir_ / "history.pb").string();
  RunSummary s = run_workload(o);

  EXPECT_GT(s.ok, 0u);
  // No fault: the transactions in flight at the deadline were let finish.
  EXPECT_EQ(s.info, 0u) << "a healthy run recorded indeterminate transactions";
  EXPECT_EQ(s.history_path, o.out);
  testing::RecordedHistory h = testing::read_recorded_history(o.out);
  ASSERT_EQ(h.builder_error, "");
  EXPECT_EQ(h.header.workload(), workload_name(workload));
  EXPECT_EQ(h.header.isolation(), "repeatable-read");
  EXPECT_NE(h.header.database_version().find("PostgreSQL"), std::string::npos);
  EXPECT_FALSE(h.header.has_shard()) << "the merged history is still marked as a shard";
  ASSERT_FALSE(h.history.txns.empty());
  const Txn& last = h.history.txns.back();
  EXPECT_TRUE(last.final_read);
  EXPECT_EQ(last.status, TxnStatus::kOk);
  EXPECT_GT(last.mop_count, 0u);
  size_t ok = 0;
  for (const Txn& t : h.history.txns) ok += t.status == TxnStatus::kOk && !t.final_read;
  EXPECT_EQ(ok, s.ok);
  // Shards are merged and removed.
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_))
    files += entry.is_regular_file();
  EXPECT_EQ(files, 1u);
  if (workload == Workload::kBank) {
    int64_t total = 0;
    for (const Mop& m : h.history.mops_of(last)) total += m.value;
    EXPECT_EQ(total, o.bank_total);
  }
}

INSTANTIATE_TEST_SUITE_P(Workloads, RunWorkload,
                         ::testing::Values(std::pair{Workload::kListAppend, 1},
                                           std::pair{Workload::kRwRegister, 2},
                                           std::pair{Workload::kBank, 2}));

TEST(RunWorkloadErrors, UnreachableServerIsARunError) {
  // Value-initialized: GCC 12 otherwise warns (-Wmaybe-uninitialized, a
  // false positive) about the optional dsn once RunOptions grew.
  RunOptions o{};
  o.dsn = "host=127.0.0.1 port=1 dbname=postgres connect_timeout=2";
  o.duration = std::chrono::milliseconds(100);
  o.out = (std::filesystem::temp_directory_path() / "isocheck-unreachable.pb").string();
  try {
    run_workload(o);
    FAIL() << "ran against port 1";
  } catch (const RunError& e) {
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
  }
}

TEST(RunWorkloadErrors, OutOfRangeGeneratorKnobIsARunErrorNamingIt) {
  RunOptions o;
  o.generator.read_ratio = 2.0;
  try {
    run_workload(o);
    FAIL() << "accepted read ratio 2";
  } catch (const RunError& e) {
    EXPECT_NE(std::string(e.what()).find("read-ratio"), std::string::npos) << e.what();
  }
}

TEST(RunWorkloadErrors, MissingServerBinariesIsARunError) {
  RunOptions o;
  o.cluster.bin_dir = "/nonexistent/isocheck/bin";
  o.duration = std::chrono::milliseconds(100);
  EXPECT_THROW(run_workload(o), RunError);
}

}  // namespace
}  // namespace isocheck::runner
