// A COMMIT that waits for synchronous replication and never hears back
// must not be recorded as acknowledged (ok): a failover could lose it, and
// a sync replica set would then show false lost writes. PostgreSQL cancels
// the statement timeout before a COMMIT's replication wait
// (finish_xact_command), so only the client's own deadline ends that wait,
// and the transaction is indeterminate (info). The server here names a
// synchronous standby that never connects, so every writing COMMIT waits.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "runner/client/client_loop.h"
#include "runner/cluster/embedded_cluster.h"
#include "runner/progress/progress_display.h"
#include "runner/workload/workload_table.h"
#include "tests/runner/client/recorded_history.h"

namespace isocheck::runner {
namespace {

using testing::read_recorded_history;
using testing::RecordedHistory;
using testing::wait_until;

size_t count_type(const RecordedHistory& h, proto::Event::Type type) {
  size_t n = 0;
  for (const proto::Event& e : h.events) n += e.type() == type;
  return n;
}

bool writes(const History& h, const Txn& t) {
  for (const Mop& m : h.mops_of(t))
    if (m.is_write()) return true;
  return false;
}

TEST(UnreplicatedCommit, IsIndeterminateNeverAcknowledged) {
  ClusterOptions co;
  co.settings.push_back({"synchronous_standby_names", "isocheck_no_such_standby"});
  EmbeddedCluster cluster(co);
  PgConnection admin(cluster.conninfo());
  // The table's own COMMIT must not wait for the standby that never comes.
  admin.exec("SET synchronous_commit = local");
  WorkloadTable table(Workload::kListAppend, run_table_prefix(0x5e));
  table.create(admin);

  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("isocheck-unreplicated-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "history.pb").string();
  proto::Header header;
  header.set_magic("isocheck-history");
  header.set_format_version(1);
  header.set_workload(workload_name(Workload::kListAppend));
  HistoryRecorder recorder(path, header);

  ClientLoopOptions o;
  o.conninfo = cluster.conninfo();
  o.workload = Workload::kListAppend;
  o.table = table.name();
  o.clients = 2;
  o.total_slots = 2;
  o.statement_timeout = std::chrono::milliseconds(200);
  ProgressDisplay progress(ProgressPlan{}, /*quiet=*/true);
  o.progress = &progress;
  GeneratorOptions g;
  g.workload = o.workload;
  TxnGenerator generator(g);
  std::atomic<bool> stop{false};
  std::thread clients([&] { run_clients(o, generator, recorder, stop); });
  const bool reached = wait_until([&] { return progress.counts().info >= 4; });
  stop.store(true);
  clients.join();
  recorder.close();
  ASSERT_TRUE(reached) << "no COMMIT was given up on";

  RecordedHistory h = read_recorded_history(path);
  ASSERT_EQ(h.builder_error, "");
  size_t unreplicated = 0;
  for (const Txn& t : h.history.txns) {
    if (!writes(h.history, t)) continue;
    EXPECT_NE(t.status, TxnStatus::kOk) << "a write acknowledged without its standby";
    if (t.status == TxnStatus::kInfo && t.error != 0 &&
        h.history.error_of(t).message.find("client timeout") != std::string::npos)
      ++unreplicated;
  }
  EXPECT_GE(unreplicated, 4u);
  EXPECT_GE(count_type(h, proto::Event::INFO), unreplicated);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace isocheck::runner
