#include "tests/support/write_skew_witness.h"

#include <string>

#include "checker/history/statement_names.h"
#include "tests/support/history_dsl.h"

namespace isocheck::testing {
namespace {

void set_mop_times(proto::Event& e, int64_t sent_ns, int64_t answered_ns) {
  proto::Mop* m = e.add_mops();
  m->set_sent_ns(sent_ns);
  m->set_received_ns(answered_ns);
}

}  // namespace

RecordedWitness recorded_write_skew(const char* begin_statement) {
  HistoryDsl dsl;
  HistoryHeader& h = dsl.header();
  h.workload = Workload::kListAppend;
  h.isolation = "repeatable-read";
  h.database_version = "PostgreSQL (test)";
  h.table = kWriteSkewTable;
  std::string table = kWriteSkewTable;
  h.statements = {
      {std::string(kCreateTableStatement),
       "CREATE TABLE " + table + " (k bigint PRIMARY KEY, v bigint[] NOT NULL)"},
      {std::string(kAppendStatement), "INSERT INTO " + table +
                                          " AS t (k, v) VALUES ($1, ARRAY[$2::bigint]) ON "
                                          "CONFLICT (k) DO UPDATE SET v = t.v || EXCLUDED.v"},
      {std::string(kReadOneStatement), "SELECT v FROM " + table + " WHERE k = $1"},
      {std::string(kReadAllStatement), "SELECT k, v FROM " + table + " ORDER BY k"},
      {std::string(kBeginStatement), begin_statement},
      {std::string(kCommitStatement), "COMMIT"},
  };
  dsl.ok(5, {append(1, 1), append(2, 1)});  // the rows before
  uint32_t t0 = dsl.invoke(0, {read_list(1, {1}), append(2, 2)});
  uint32_t t1 = dsl.invoke(1, {read_list(2, {1}), append(1, 2)});
  dsl.complete_ok(t0);
  dsl.complete_ok(t1);
  dsl.final_read(6, {read_list(1, {1, 2}), read_list(2, {1, 2})});
  RecordedWitness w{dsl.build(), {}, {}};
  w.anomaly.kind = AnomalyKind::kG2Item;
  w.anomaly.txns = {t0, t1};
  // Statement times between T1's invocation and T0's completion (the DSL's
  // event times: T1 invoked at 4000 ns, T0 completes at 5000, T1 at 6000).
  const int64_t t = w.history.txns[t1].invoke_ns;
  proto::Event e0, e1;
  e0.set_begin_sent_ns(t + 0);
  e0.set_begin_received_ns(t + 10);
  e1.set_begin_sent_ns(t + 20);
  e1.set_begin_received_ns(t + 30);
  set_mop_times(e0, t + 40, t + 50);
  set_mop_times(e1, t + 60, t + 70);
  set_mop_times(e0, t + 80, t + 90);
  set_mop_times(e1, t + 100, t + 110);
  e0.set_commit_sent_ns(t + 120);
  e1.set_commit_sent_ns(t + 140);
  e0.set_backend_pid(4242);
  w.events.emplace(w.history.txns[t0].complete_index, e0);
  w.events.emplace(w.history.txns[t1].complete_index, e1);
  return w;
}

}  // namespace isocheck::testing
