// The scheduler against a real server: faults are recorded as start / heal
// pairs in the history, never overlap, follow the interval, and stop()
// heals at once.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "checker/formats/load_history.h"
#include "checker/formats/protobuf_history_schema.h"
#include "runner/cluster/embedded_cluster.h"
#include "runner/nemesis/nemesis.h"
#include "tests/runner/cluster/sql_probe.h"
#include "tests/runner/nemesis/faulted_run.h"

namespace isocheck::runner::testing {
namespace {

using std::chrono::milliseconds;

proto::Header test_header() {
  proto::Header h;
  h.set_magic("isocheck-history");
  h.set_format_version(kHistoryFormatVersion);
  h.set_workload("list-append");
  return h;
}

bool wait_until(const std::function<bool()>& done, std::chrono::seconds cap) {
  auto deadline = std::chrono::steady_clock::now() + cap;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(milliseconds(5));
  }
  return true;
}

TEST(NemesisSchedule, RecordsStartHealPairsThatNeverOverlap) {
  ScratchDir dir("schedule");
  EmbeddedCluster cluster(ClusterOptions{});
  std::atomic<bool> failed{false};
  {
    HistoryRecorder recorder(dir.file("h.pb"), test_header());
    NemesisOptions o;
    o.kinds = {FaultKind::kTerminate, FaultKind::kRestart};
    o.interval = milliseconds(100);
    o.seed = 3;
    Nemesis nemesis(o, {&cluster, cluster.conninfo(), "isocheck-sched", "embedded:test"}, recorder,
                    failed);
    nemesis.start();
    ASSERT_TRUE(
        wait_until([&] { return nemesis.faults_started() >= 4; }, std::chrono::seconds(60)));
    nemesis.stop();
    recorder.close();
  }
  EXPECT_FALSE(failed);
  History h = load_history(dir.file("h.pb")).history;
  ASSERT_GE(h.faults.size(), 8u);
  ASSERT_EQ(h.faults.size() % 2, 0u);
  for (size_t i = 0; i < h.faults.size(); i += 2) {
    const Fault& start = h.faults[i];
    const Fault& heal = h.faults[i + 1];
    EXPECT_EQ(start.phase, FaultPhase::kStart) << i;
    EXPECT_EQ(heal.phase, FaultPhase::kHeal) << i;
    EXPECT_EQ(start.kind, heal.kind) << i;
    EXPECT_EQ(start.target, "embedded:test");
    EXPECT_LE(start.time_ns, heal.time_ns);
    if (i > 0) {
      // The next fault waits at least half the interval after the heal.
      EXPECT_GE(start.time_ns - h.faults[i - 1].time_ns, 50'000'000) << i;
    }
  }
  EXPECT_EQ(query_value(cluster.conninfo(), "SELECT 1"), "1");
}

TEST(NemesisSchedule, StopDuringAHoldHealsAtOnce) {
  ScratchDir dir("stop");
  EmbeddedCluster cluster(ClusterOptions{});
  std::atomic<bool> failed{false};
  HistoryRecorder recorder(dir.file("h.pb"), test_header());
  NemesisOptions o;
  o.kinds = {FaultKind::kPause};
  o.interval = milliseconds(20);
  Nemesis nemesis(o, {&cluster, cluster.conninfo(), "isocheck-stop", "embedded"}, recorder, failed);
  nemesis.start();
  ASSERT_TRUE(wait_until([&] { return nemesis.faults_started() >= 1; }, std::chrono::seconds(10)));
  auto before = std::chrono::steady_clock::now();
  nemesis.stop();
  // A pause is held at least 2 s; stop() must not sit it out.
  EXPECT_LT(std::chrono::steady_clock::now() - before, milliseconds(1500));
  EXPECT_EQ(query_value(cluster.conninfo(), "SELECT 1"), "1");
  recorder.close();
  History h = load_history(dir.file("h.pb")).history;
  ASSERT_EQ(h.faults.size(), 2u);
  EXPECT_EQ(h.faults[1].phase, FaultPhase::kHeal);
}

}  // namespace
}  // namespace isocheck::runner::testing
