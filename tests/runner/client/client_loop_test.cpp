// The client loop against a real throwaway server.
#include "runner/client/client_loop.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "runner/client/final_reader.h"
#include "runner/cluster/embedded_cluster.h"
#include "runner/workload/txn_executor.h"
#include "runner/workload/workload_table.h"
#include "tests/runner/client/recorded_history.h"

namespace isocheck::runner {
namespace {

using testing::read_recorded_history;
using testing::RecordedHistory;
using testing::wait_until;

class ClientLoop : public ::testing::Test {
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
           ("isocheck-client-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    admin_.emplace(cluster_->conninfo());
    observer_.emplace(cluster_->conninfo());
  }
  void TearDown() override {
    admin_.reset();
    observer_.reset();
    std::filesystem::remove_all(dir_);
  }

  ClientLoopOptions options(Workload w, const WorkloadTable& table, int clients) {
    ClientLoopOptions o;
    o.conninfo = cluster_->conninfo();
    o.workload = w;
    o.table = table.name();
    o.clients = clients;
    o.total_slots = clients;
    return o;
  }

  proto::Header header(Workload w) {
    proto::Header h;
    h.set_magic("isocheck-history");
    h.set_format_version(1);
    h.set_workload(workload_name(w));
    return h;
  }

  // Runs the clients on a thread; `step` is polled (capped) with the live
  // counts until it returns true; then the clients are stopped and what they
  // recorded is read back.
  RecordedHistory run_until(ClientLoopOptions o, GeneratorOptions g,
                            const std::function<bool(const ProgressCounts&)>& step,
                            ClientCounts* counts_out = nullptr) {
    std::string path = history_path();
    HistoryRecorder recorder(path, header(o.workload));
    g.workload = o.workload;
    TxnGenerator generator(g);
    ProgressDisplay progress(ProgressPlan{}, /*quiet=*/true);
    o.progress = &progress;
    std::atomic<bool> stop{false};
    ClientCounts counts;
    std::thread clients([&] { counts = run_clients(o, generator, recorder, stop); });
    bool reached = wait_until([&] { return step(progress.counts()); });
    stop.store(true);
    clients.join();
    EXPECT_TRUE(reached) << "condition not reached within the cap";
    recorder.close();
    if (counts_out) *counts_out = counts;
    RecordedHistory h = read_recorded_history(path);
    EXPECT_EQ(h.builder_error, "");
    return h;
  }

  std::string history_path() const { return (dir_ / "history.pb").string(); }

  // Terminates backend `pid` and returns once it has exited.
  // pg_terminate_backend(pid) alone only sends SIGTERM: a test that then
  // releases the lock the backend waits on races the backend's exit — on a
  // busy machine the backend is granted the lock first, runs on and dies
  // later (during COMMIT: info instead of the fail the test wants). The
  // timeout form (PostgreSQL 14+) waits until the backend is gone.
  void terminate_and_await(int pid) {
    PgConnection killer(cluster_->conninfo());
    PgResult r = killer.exec("SELECT pg_terminate_backend(" + std::to_string(pid) + ", 60000)");
    ASSERT_EQ(r.text(0, 0), "t") << "backend " << pid << " did not exit within 60 s";
  }

  // Server pids of our clients' backends matching `where`. Asked on a
  // connection outside any transaction: pg_stat_activity is a snapshot
  // fixed for the length of a transaction.
  std::vector<int> backends(const std::string& where) {
    PgResult r = observer_->exec(
        "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> "
        "pg_backend_pid() AND pid <> " +
        std::to_string(admin_->backend_pid()) + " AND " + where);
    std::vector<int> pids;
    for (int i = 0; i < r.rows(); ++i) pids.push_back(static_cast<int>(r.int64(i, 0)));
    return pids;
  }

  static EmbeddedCluster* cluster_;
  std::filesystem::path dir_;
  std::optional<PgConnection> admin_;
  std::optional<PgConnection> observer_;
};

EmbeddedCluster* ClientLoop::cluster_ = nullptr;

bool serialization_failure(const proto::Event& e) {
  return e.sqlstate() == "40001" || e.sqlstate() == "40P01";
}

bool stopped_in_flight(const proto::Event& e) {
  return e.type() == proto::Event::INFO && e.message().find("stopped") != std::string::npos;
}

// Events of type `t`, not counting the in-flight ones the stop turned into
// info.
size_t count_type(const RecordedHistory& h, proto::Event::Type t) {
  size_t n = 0;
  for (const proto::Event& e : h.events) n += e.type() == t && !stopped_in_flight(e);
  return n;
}

// The processes that completed a transaction in `h`.
size_t processes_seen(const RecordedHistory& h) {
  std::set<int64_t> seen;
  for (const proto::Event& e : h.events) {
    if (e.type() != proto::Event::INVOKE) seen.insert(e.process());
  }
  return seen.size();
}

TEST_F(ClientLoop, RecordsWellFormedInvokeCompletePairs) {
  WorkloadTable table(Workload::kListAppend, run_table_prefix(0x101));
  table.create(*admin_);
  ClientCounts counts;
  RecordedHistory h = run_until(
      options(Workload::kListAppend, table, 4), GeneratorOptions{},
      [&](const ProgressCounts& c) {
        // On a loaded machine one client may connect only late: wait for
        // all four, not just for the count.
        return c.total() >= 200 && processes_seen(read_recorded_history(history_path())) == 4;
      },
      &counts);

  ASSERT_GE(h.events.size(), 400u);
  EXPECT_EQ(count_type(h, proto::Event::INVOKE), counts.ok + counts.fail + counts.info);
  EXPECT_EQ(count_type(h, proto::Event::INFO), 0u);
  EXPECT_EQ(count_type(h, proto::Event::OK), counts.ok);
  EXPECT_GT(counts.ok, 0u);
  std::set<int64_t> processes;
  for (const Txn& t : h.history.txns) {
    processes.insert(t.process);
    EXPECT_TRUE(t.completed());
    if (t.status != TxnStatus::kOk) continue;
    for (const Mop& m : h.history.mops_of(t)) {
      if (m.is_read()) {
        EXPECT_TRUE(m.has_result) << "ok read without result";
      }
    }
  }
  // No faults here: only the four first-generation processes ran.
  EXPECT_EQ(processes, (std::set<int64_t>{0, 1, 2, 3}));
  // Each connected once and recorded the level its transactions got.
  std::set<int64_t> connected;
  for (const proto::Session& s : h.sessions) {
    connected.insert(s.process());
    EXPECT_EQ(s.level(), "serializable");
    EXPECT_GT(s.backend_pid(), 0);
  }
  EXPECT_EQ(connected, processes);
  table.drop(*admin_);
}

TEST_F(ClientLoop, SerializationFailuresBecomeFailWith40001AndRetryWithFreshValues) {
  WorkloadTable table(Workload::kListAppend, run_table_prefix(0x102));
  table.create(*admin_);
  GeneratorOptions g;
  g.active_keys = 2;
  ClientLoopOptions o = options(Workload::kListAppend, table, 8);
  o.retry = 3;
  RecordedHistory h =
      run_until(o, g, [&](const ProgressCounts& c) { return c.fail >= 20 && c.ok >= 20; });

  size_t serialization_failures = 0, retried = 0;
  std::map<int64_t, const proto::Event*> last_invoke;    // per process
  std::map<int64_t, const proto::Event*> failed_invoke;  // per process, if its last op failed
  for (const proto::Event& e : h.events) {
    if (e.type() == proto::Event::INVOKE) {
      auto f = failed_invoke.find(e.process());
      if (f != failed_invoke.end() && f->second->mops_size() == e.mops_size()) {
        bool same_shape = true, fresh_values = true;
        for (int i = 0; i < e.mops_size(); ++i) {
          const proto::Mop &a = f->second->mops(i), &b = e.mops(i);
          same_shape &= a.kind() == b.kind() && a.key() == b.key();
          if (a.kind() == proto::Mop::APPEND) fresh_values &= a.value() != b.value();
        }
        if (same_shape) {
          ++retried;
          EXPECT_TRUE(fresh_values) << "a retry re-used a written value";
        }
      }
      failed_invoke.erase(e.process());
      last_invoke[e.process()] = &e;
      continue;
    }
    if (e.type() != proto::Event::FAIL) continue;
    EXPECT_TRUE(e.sqlstate() == "40001" || e.sqlstate() == "40P01")
        << e.sqlstate() << ": " << e.message();
    EXPECT_FALSE(e.message().empty());
    serialization_failures += e.sqlstate() == "40001";
    failed_invoke[e.process()] = last_invoke[e.process()];
  }
  EXPECT_GT(serialization_failures, 0u);
  EXPECT_GT(retried, 0u);
  EXPECT_EQ(count_type(h, proto::Event::INFO), 0u);
  for (const proto::Event& e : h.events) {
    if (e.type() == proto::Event::INFO && !stopped_in_flight(e)) {
      ADD_FAILURE() << e.sqlstate() << " " << e.message();
    }
  }
  table.drop(*admin_);
}

// Whether the process of the one non-serialization failure in `h` has
// committed a transaction since.
bool killed_process_continued(const RecordedHistory& h) {
  const proto::Event* lost = nullptr;
  for (const proto::Event& e : h.events) {
    if (e.type() == proto::Event::FAIL && !serialization_failure(e)) lost = &e;
    if (lost && e.process() == lost->process() && e.type() == proto::Event::OK) return true;
  }
  return false;
}

TEST_F(ClientLoop, BackendKilledBeforeCommitIsFailAndTheProcessGoesOn) {
  WorkloadTable table(Workload::kRwRegister, run_table_prefix(0x103));
  table.create(*admin_);
  bool locked = false, killed = false;
  uint64_t ok_at_kill = 0;
  RecordedHistory h = run_until(
      options(Workload::kRwRegister, table, 2), GeneratorOptions{}, [&](const ProgressCounts& c) {
        if (!locked) {
          if (c.total() < 20) return false;
          // From now on every statement on the table waits, before COMMIT.
          admin_->exec("BEGIN");
          admin_->exec("LOCK TABLE " + table.name() + " IN ACCESS EXCLUSIVE MODE");
          locked = true;
        }
        if (!killed) {
          std::vector<int> waiting = backends("wait_event_type = 'Lock'");
          if (waiting.empty()) return false;
          terminate_and_await(waiting[0]);
          admin_->exec("COMMIT");
          killed = true;
          ok_at_kill = c.ok;
        }
        return c.ok >= ok_at_kill + 20 &&
               killed_process_continued(read_recorded_history(history_path()));
      });

  ASSERT_TRUE(killed);
  EXPECT_EQ(count_type(h, proto::Event::INFO), 0u);
  const proto::Event* lost = nullptr;
  for (const proto::Event& e : h.events) {
    if (e.type() == proto::Event::FAIL && !serialization_failure(e)) {
      EXPECT_EQ(lost, nullptr) << "a second non-serialization failure: " << e.message() << " after "
                               << lost->sqlstate() << " " << lost->message();
      lost = &e;
    }
  }
  ASSERT_NE(lost, nullptr) << "the killed transaction was not recorded as fail";
  // A fail settles the outcome: the same process goes on.
  EXPECT_TRUE(killed_process_continued(h));
  for (const proto::Event& e : h.events) {
    EXPECT_TRUE(e.process() == 0 || e.process() == 1) << "process " << e.process();
  }
  table.drop(*admin_);
}

// Whether the slot of the (one) process retired by an info in `h` has
// committed a transaction under its next process id (2 slots: id + 2).
bool retired_slot_continued(const RecordedHistory& h) {
  const proto::Event* info = nullptr;
  for (const proto::Event& e : h.events) {
    if (e.type() == proto::Event::INFO && !stopped_in_flight(e)) info = &e;
    if (info && e.process() == info->process() + 2 && e.type() == proto::Event::OK) return true;
  }
  return false;
}

TEST_F(ClientLoop, BackendKilledDuringCommitIsInfoAndTheSlotGetsANewProcess) {
  WorkloadTable table(Workload::kRwRegister, run_table_prefix(0x104));
  table.create(*admin_);
  // A deferred trigger makes COMMIT of any writing transaction wait for an
  // advisory lock the test holds: the COMMIT is then sent but unanswered.
  admin_->exec(
      "CREATE OR REPLACE FUNCTION isocheck_test_hold_commit() RETURNS trigger LANGUAGE plpgsql AS "
      "$$ BEGIN PERFORM pg_advisory_lock(4242); PERFORM pg_advisory_unlock(4242); RETURN NULL; "
      "END $$");
  admin_->exec("CREATE CONSTRAINT TRIGGER hold_commit AFTER INSERT OR UPDATE ON " + table.name() +
               " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "
               "isocheck_test_hold_commit()");
  admin_->exec("SELECT pg_advisory_lock(4242)");
  bool killed = false;
  uint64_t ok_at_kill = 0;
  GeneratorOptions g;
  g.read_ratio = 0.2;
  RecordedHistory h =
      run_until(options(Workload::kRwRegister, table, 2), g, [&](const ProgressCounts& c) {
        if (!killed) {
          std::vector<int> committing = backends("query = 'COMMIT' AND wait_event_type = 'Lock'");
          if (committing.empty()) return false;
          terminate_and_await(committing[0]);
          admin_->exec("SELECT pg_advisory_unlock(4242)");
          killed = true;
          ok_at_kill = c.ok;
        }
        return c.ok >= ok_at_kill + 20 &&
               retired_slot_continued(read_recorded_history(history_path()));
      });

  ASSERT_TRUE(killed);
  ASSERT_EQ(count_type(h, proto::Event::INFO), 1u);
  const proto::Event* info = nullptr;
  for (const proto::Event& e : h.events) {
    if (e.type() == proto::Event::INFO && !stopped_in_flight(e)) info = &e;
  }
  bool successor_ran = false;
  for (const proto::Event& e : h.events) {
    if (e.index() <= info->index() || stopped_in_flight(e)) continue;
    EXPECT_NE(e.process(), info->process()) << "a retired process invoked again";
    successor_ran |= e.process() == info->process() + 2 && e.type() == proto::Event::OK;
  }
  EXPECT_TRUE(successor_ran) << "slot of process " << info->process() << " did not continue";
  table.drop(*admin_);
}

TEST_F(ClientLoop, StopRecordsInFlightTransactionsAsInfo) {
  WorkloadTable table(Workload::kListAppend, run_table_prefix(0x105));
  table.create(*admin_);
  bool locked = false;
  ClientLoopOptions o = options(Workload::kListAppend, table, 3);
  o.stop_grace = std::chrono::milliseconds(0);
  RecordedHistory h = run_until(o, GeneratorOptions{}, [&](const ProgressCounts& c) {
    if (!locked) {
      // Every client has prepared its statements once a transaction of
      // each has completed.
      if (c.total() < 20 || processes_seen(read_recorded_history(history_path())) < 3) {
        return false;
      }
      admin_->exec("BEGIN");
      admin_->exec("LOCK TABLE " + table.name() + " IN ACCESS EXCLUSIVE MODE");
      locked = true;
    }
    return backends("wait_event_type = 'Lock'").size() == 3;
  });
  admin_->exec("ROLLBACK");

  size_t stopped = 0;
  std::map<int64_t, const proto::Event*> last;  // per process
  for (const proto::Event& e : h.events) {
    stopped += stopped_in_flight(e);
    last[e.process()] = &e;
  }
  EXPECT_EQ(stopped, 3u);
  ASSERT_EQ(last.size(), 3u);
  for (const auto& [process, e] : last) EXPECT_TRUE(stopped_in_flight(*e)) << "process " << process;
  for (const Txn& t : h.history.txns) EXPECT_TRUE(t.completed());
  table.drop(*admin_);
}

TEST_F(ClientLoop, FinalReadCoversEveryKeyAndIsMarked) {
  WorkloadTable table(Workload::kListAppend, run_table_prefix(0x106));
  table.create(*admin_);
  ClientLoopOptions o = options(Workload::kListAppend, table, 1);
  std::string path = (dir_ / "final.pb").string();
  {
    HistoryRecorder recorder(path, header(Workload::kListAppend));
    admin_->exec("INSERT INTO " + table.name() + " VALUES (2, '{7,8}')");
    FinalReader(o, recorder).read_all(4, 99);
  }
  RecordedHistory h = read_recorded_history(path);
  ASSERT_EQ(h.builder_error, "");
  ASSERT_EQ(h.history.txns.size(), 1u);
  const Txn& t = h.history.txns[0];
  EXPECT_TRUE(t.final_read);
  EXPECT_EQ(t.status, TxnStatus::kOk);
  EXPECT_EQ(t.process, 99);
  ASSERT_EQ(t.mop_count, 4u);
  auto mops = h.history.mops_of(t);
  for (int64_t k = 0; k < 4; ++k) {
    EXPECT_EQ(mops[k].key, k);
    EXPECT_TRUE(mops[k].has_result);
  }
  auto list = h.history.list_of(mops[2]);
  EXPECT_EQ(std::vector<int64_t>(list.begin(), list.end()), (std::vector<int64_t>{7, 8}));
  EXPECT_EQ(mops[3].list_size, 0u);
  table.drop(*admin_);
}

// An hour of epochs ends with hundreds of final reads: they share one
// connection, and a connection lost between two reads is opened again.
TEST_F(ClientLoop, FinalReadsShareOneConnectionAndReconnectAfterALoss) {
  WorkloadTable table(Workload::kListAppend, run_table_prefix(0x107));
  table.create(*admin_);
  ClientLoopOptions o = options(Workload::kListAppend, table, 1);
  o.application_name = "isocheck-final-reader-test";
  auto reader_pids = [&] {
    PgResult r = admin_->exec_params("SELECT pid FROM pg_stat_activity WHERE application_name = $1",
                                     {o.application_name});
    std::vector<std::string> pids;
    for (int i = 0; i < r.rows(); ++i) pids.emplace_back(r.text(i, 0));
    return pids;
  };
  std::string path = (dir_ / "final-shared.pb").string();
  {
    HistoryRecorder recorder(path, header(Workload::kListAppend));
    FinalReader reader(o, recorder);
    reader.read_range(1, 3, 99);
    const std::vector<std::string> first = reader_pids();
    ASSERT_EQ(first.size(), 1u);
    reader.read_range(3, 5, 99);
    EXPECT_EQ(reader_pids(), first);
    admin_->exec_params("SELECT pg_terminate_backend($1::int)", {first[0]});
    ASSERT_TRUE(wait_until([&] { return reader_pids().empty(); }));
    EXPECT_THROW(reader.read_range(5, 7, 99), PgError);
    reader.read_range(5, 7, 99);
    const std::vector<std::string> second = reader_pids();
    ASSERT_EQ(second.size(), 1u);
    EXPECT_NE(second, first);
  }
  RecordedHistory h = read_recorded_history(path);
  ASSERT_EQ(h.builder_error, "");
  std::vector<TxnStatus> statuses;
  for (const Txn& t : h.history.txns) {
    EXPECT_TRUE(t.final_read);
    statuses.push_back(t.status);
  }
  EXPECT_EQ(statuses, (std::vector<TxnStatus>{TxnStatus::kOk, TxnStatus::kOk, TxnStatus::kFail,
                                              TxnStatus::kOk}));
  table.drop(*admin_);
}

}  // namespace
}  // namespace isocheck::runner
