// Several clients per OS thread against a real throwaway server: the
// history keeps its semantics (one operation at a time per process, counts
// that match, a SERIALIZABLE run that checks valid), and a frozen server
// holds up no client of the thread behind another's wait, nor the stop.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "checker/check/check_history.h"
#include "runner/client/client_loop.h"
#include "runner/cluster/embedded_cluster.h"
#include "runner/nemesis/fault_injector.h"
#include "runner/workload/workload_table.h"
#include "tests/runner/client/recorded_history.h"
#include "tests/support/anomaly_counts.h"

namespace isocheck::runner {
namespace {

using std::chrono::milliseconds;
using testing::read_recorded_history;
using testing::RecordedHistory;
using testing::wait_until;

class ClientsOnFibers : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ClusterOptions o;
    o.settings.push_back({"max_connections", "60"});
    cluster_ = new EmbeddedCluster(o);
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("isocheck-fiber-clients-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    admin_.emplace(cluster_->conninfo());
  }
  void TearDown() override {
    admin_.reset();
    std::filesystem::remove_all(dir_);
  }

  ClientLoopOptions options(const WorkloadTable& table, int clients, int threads) {
    ClientLoopOptions o;
    o.conninfo = cluster_->conninfo();
    o.workload = Workload::kListAppend;
    o.table = table.name();
    o.clients = clients;
    o.threads = threads;
    o.total_slots = clients;
    return o;
  }

  std::string history_path() const { return (dir_ / "history.pb").string(); }

  proto::Header header() const {
    proto::Header h;
    h.set_magic("isocheck-history");
    h.set_format_version(2);
    h.set_workload(workload_name(Workload::kListAppend));
    return h;
  }

  static EmbeddedCluster* cluster_;
  std::filesystem::path dir_;
  std::optional<PgConnection> admin_;
};

EmbeddedCluster* ClientsOnFibers::cluster_ = nullptr;

// The slots (process mod total) that completed a transaction in `h`.
std::set<int64_t> slots_seen(const RecordedHistory& h, int64_t total_slots) {
  std::set<int64_t> seen;
  for (const proto::Event& e : h.events)
    if (e.type() != proto::Event::INVOKE) seen.insert(e.process() % total_slots);
  return seen;
}

TEST_F(ClientsOnFibers, SixteenClientsOnTwoThreadsAtSerializableWithRetriesCheckValid) {
  WorkloadTable table(Workload::kListAppend, run_table_prefix(0x901));
  table.create(*admin_);
  ClientLoopOptions o = options(table, 16, 2);
  o.retry = 3;
  GeneratorOptions g;
  g.workload = Workload::kListAppend;
  g.active_keys = 4;
  TxnGenerator generator(g);
  HistoryRecorder recorder(history_path(), header());
  ProgressDisplay progress(ProgressPlan{}, /*quiet=*/true);
  o.progress = &progress;
  std::atomic<bool> stop{false};
  ClientCounts counts;
  std::thread clients([&] { counts = run_clients(o, generator, recorder, stop); });
  // Every slot, on either thread, must have had its turn.
  bool reached = wait_until(
      [&] {
        return progress.counts().total() >= 600 &&
               slots_seen(read_recorded_history(history_path()), 16).size() == 16;
      },
      std::chrono::seconds(60));
  stop.store(true);
  clients.join();
  recorder.close();
  ASSERT_TRUE(reached) << "not every client ran within the cap";

  RecordedHistory h = read_recorded_history(history_path());
  ASSERT_EQ(h.builder_error, "");
  std::map<proto::Event::Type, uint64_t> by_type;
  std::map<int64_t, bool> in_flight;  // per process: invoked, not yet completed
  for (const proto::Event& e : h.events) {
    ++by_type[e.type()];
    const bool invoke = e.type() == proto::Event::INVOKE;
    EXPECT_NE(in_flight[e.process()], invoke)
        << "process " << e.process() << ": " << (invoke ? "two invocations" : "two completions")
        << " in a row";
    in_flight[e.process()] = invoke;
  }
  for (const auto& [process, open] : in_flight) EXPECT_FALSE(open) << "process " << process;
  EXPECT_EQ(by_type[proto::Event::INVOKE], counts.ok + counts.fail + counts.info);
  EXPECT_EQ(by_type[proto::Event::OK], counts.ok);
  EXPECT_EQ(by_type[proto::Event::FAIL], counts.fail);
  EXPECT_EQ(by_type[proto::Event::INFO], counts.info);
  EXPECT_GT(counts.fail, 0u) << "no serialization failures: the run was not contended";

  CheckOptions check;
  check.models = {"strict-serializable"};
  CheckResult result = check_history(h.history, check);
  EXPECT_EQ(isocheck::testing::beyond_known_serializable_g2(result), "");
  table.drop(*admin_);
}

// Resumes a paused server when the test ends, whatever happened.
struct PauseGuard {
  FaultInjector& pause;
  ~PauseGuard() { pause.heal(); }
};

// Eight clients on one thread; the server freezes (SIGSTOP) under them.
// Each client's statement times out after 1.6 s and the client reconnects
// into a server that will not answer for 5 s: if connecting held the
// thread, the other seven would only see their own timeouts after it.
// Then the run stops while connects still hang: it must end within its
// grace, not wait for them.
TEST_F(ClientsOnFibers, AFrozenServerHoldsUpNoClientOfTheThreadAndTheStopEndsWithinGrace) {
  WorkloadTable table(Workload::kListAppend, run_table_prefix(0x902));
  table.create(*admin_);
  ClientLoopOptions o = options(table, 8, 1);
  o.statement_timeout = milliseconds(300);  // the client gives up after 1.6 s
  o.connect_timeout = std::chrono::seconds(5);
  o.stop_grace = milliseconds(1000);
  GeneratorOptions g;
  g.workload = Workload::kListAppend;
  TxnGenerator generator(g);
  HistoryRecorder recorder(history_path(), header());
  std::atomic<bool> stop{false};
  std::thread clients([&] { run_clients(o, generator, recorder, stop); });
  if (!wait_until(
          [&] { return slots_seen(read_recorded_history(history_path()), 8).size() == 8; })) {
    stop.store(true);
    clients.join();
    FAIL() << "not every client ran";
  }

  NemesisTarget target;
  target.cluster = cluster_;
  std::unique_ptr<FaultInjector> pause = make_pause_fault(target);
  pause->start();
  PauseGuard resume{*pause};
  const int64_t frozen_ns = now_ns();
  // The first completion of each slot after the freeze.
  std::map<int64_t, int64_t> first_after;
  const bool all_timed_out = wait_until(
      [&] {
        first_after.clear();
        for (const proto::Event& e : read_recorded_history(history_path()).events) {
          if (e.type() == proto::Event::INVOKE || e.time_ns() < frozen_ns) continue;
          first_after.emplace(e.process() % 8, e.time_ns());
        }
        return first_after.size() == 8;
      },
      std::chrono::seconds(30));

  const auto stop_at = std::chrono::steady_clock::now();
  stop.store(true);
  clients.join();
  const auto stopping = std::chrono::steady_clock::now() - stop_at;
  recorder.close();
  ASSERT_TRUE(all_timed_out) << first_after.size() << " of 8 clients gave up on the frozen server";
  for (const auto& [slot, time_ns] : first_after) {
    // 1.6 s client timeout, plus slack for a loaded machine; a connect
    // blocking the thread would add its 5 s.
    EXPECT_LT(time_ns - frozen_ns, 4'000'000'000) << "slot " << slot << " was held up";
  }
  EXPECT_LT(stopping, o.stop_grace + milliseconds(1500)) << "the stop waited for hanging connects";
  EXPECT_EQ(read_recorded_history(history_path()).builder_error, "");
}

}  // namespace
}  // namespace isocheck::runner
