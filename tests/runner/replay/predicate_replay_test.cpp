// Predicate witnesses as SQL and replayed against a real throwaway server:
// the on-call write skew (rows read, and counts) and a write skew through
// rows leaving the predicate (an update that moves a row out, a delete).
// Each is allowed at repeatable read, so the recorded order reproduces it,
// and refused at serializable in every interleaving.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checker/check/check_history.h"
#include "checker/history/statement_names.h"
#include "checker/report/sql_witness.h"
#include "runner/cluster/embedded_cluster.h"
#include "runner/replay/witness_replay.h"
#include "runner/workload/predicate_sql.h"
#include "runner/workload/workload_sql.h"
#include "tests/support/history_dsl.h"

namespace isocheck::runner {
namespace {

using ::testing::HasSubstr;
using namespace isocheck::testing;

constexpr const char* kTable = "isocheck_witness_test_predicate";

struct PredicateWitness {
  History history;
  RecordedEvents events;
  Anomaly anomaly;
};

// Two transactions of two micro-ops each, after `before` committed, as
// `isocheck run` records them: the header holds the SQL, the completions
// the statement times of this interleaving: T0 BEGIN, T1 BEGIN, T0's first
// micro-op, T1's, T0's second, T1's, T0 COMMIT, T1 COMMIT. The anomaly is
// the serializable check's G2 witness.
PredicateWitness recorded(std::vector<DslMop> before, std::vector<DslMop> first,
                          std::vector<DslMop> second) {
  HistoryDsl dsl;
  HistoryHeader& h = dsl.header();
  h.format_version = 2;
  h.workload = Workload::kPredicate;
  h.isolation = "repeatable-read";
  h.table = kTable;
  h.statements[std::string(kCreateTableStatement)] =
      with_table(workload_sql(Workload::kPredicate).create_table, kTable);
  for (const PredicateStatementSql& s : kPredicateStatements)
    h.statements[std::string(s.name)] = with_table(s.sql, kTable);
  h.statements[std::string(kBeginStatement)] = "BEGIN ISOLATION LEVEL REPEATABLE READ";
  h.statements[std::string(kCommitStatement)] = "COMMIT";
  if (!before.empty()) dsl.ok(5, before);
  uint32_t t0 = dsl.invoke(0, first);
  uint32_t t1 = dsl.invoke(1, second);
  dsl.complete_ok(t0);
  dsl.complete_ok(t1);
  PredicateWitness w{dsl.build(), {}, {}};
  CheckOptions o;
  o.models = {"serializable"};
  CheckResult r = check_history(w.history, o);
  EXPECT_EQ(r.witnesses.count(AnomalyKind::kG2), 1u) << "the history is no predicate write skew";
  if (r.witnesses.count(AnomalyKind::kG2)) w.anomaly = r.witnesses.at(AnomalyKind::kG2).front();
  const int64_t t = w.history.txns[t1].invoke_ns;
  proto::Event e0, e1;
  e0.set_begin_sent_ns(t + 0);
  e0.set_begin_received_ns(t + 10);
  e1.set_begin_sent_ns(t + 20);
  e1.set_begin_received_ns(t + 30);
  int64_t at = t + 40;
  for (int i = 0; i < 2; ++i)
    for (proto::Event* e : {&e0, &e1}) {
      proto::Mop* m = e->add_mops();
      m->set_sent_ns(at);
      m->set_received_ns(at + 10);
      at += 20;
    }
  e0.set_commit_sent_ns(at);
  e1.set_commit_sent_ns(at + 20);
  w.events.emplace(w.history.txns[t0].complete_index, e0);
  w.events.emplace(w.history.txns[t1].complete_index, e1);
  return w;
}

// The on-call pattern: each reads on-call group 5 (at most two rows), sees
// row 1 alone, and inserts a row into it.
PredicateWitness on_call_rows() {
  return recorded({insert(1, 10, 5)}, {read_group(5, {{1, 10, 5}}, 2), insert(2, 20, 5)},
                  {read_group(5, {{1, 10, 5}}, 2), insert(3, 30, 5)});
}

// The same on counts: each counts on-call group 5 (at most one row), finds
// none, and inserts one.
PredicateWitness on_call_counts() {
  return recorded({}, {count_of(read_group(5, {}, 1), 0), insert(1, 10, 5)},
                  {count_of(read_group(5, {}, 1), 0), insert(2, 20, 5)});
}

// Each reads a group and takes a row the other saw out of its group: T0
// moves row 3 out of group 1, T1 deletes row 1 of group 0.
PredicateWitness rows_leaving() {
  return recorded({insert(1, 10, 0), insert(3, 30, 1)},
                  {read_group(0, {{1, 10, 0}}), update(3, 31, 2, {{3, 30, 1}})},
                  {read_group(1, {{3, 30, 1}}), remove(1, {{1, 10, 0}})});
}

std::string sql_of(const PredicateWitness& w) {
  return witness_sql(w.history, w.anomaly, w.events);
}

ReplayPlan plan_for(const PredicateWitness& w, const std::string& begin = "") {
  return plan_replay(w.history, w.anomaly, witness_statements(w.history, w.anomaly, w.events),
                     begin);
}

class PredicateReplay : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cluster_ = new EmbeddedCluster(ClusterOptions{}); }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }
  static EmbeddedCluster* cluster_;
};

EmbeddedCluster* PredicateReplay::cluster_ = nullptr;

TEST(PredicateWitnessSql, EveryPredicateStatementIsShownAsTheSqlThatRanWithItsAnswer) {
  std::string rows = sql_of(on_call_rows());
  EXPECT_THAT(rows, HasSubstr("-- Rows before, as the witness's reads show them: k = 1: v = 10, "
                              "grp = 5"));
  EXPECT_THAT(rows, HasSubstr("SELECT k, v, grp FROM isocheck_witness_test_predicate WHERE grp = "
                              "5 ORDER BY k;  -- (1,10,5)"));
  EXPECT_THAT(rows, HasSubstr("INSERT INTO isocheck_witness_test_predicate (k, v, grp) VALUES (2, "
                              "20, 5);"));
  std::string counts = sql_of(on_call_counts());
  EXPECT_THAT(
      counts,
      HasSubstr("SELECT count(*) FROM isocheck_witness_test_predicate WHERE grp = 5;  -- 0"));
  std::string leaving = sql_of(rows_leaving());
  EXPECT_THAT(leaving, HasSubstr("SELECT k, v, grp FROM isocheck_witness_test_predicate WHERE k = "
                                 "3 FOR UPDATE; UPDATE isocheck_witness_test_predicate SET v = 31, "
                                 "grp = 2 WHERE k = 3;  -- (3,30,1)"));
  EXPECT_THAT(leaving, HasSubstr("DELETE FROM isocheck_witness_test_predicate WHERE k = 1 "
                                 "RETURNING k, v, grp;  -- (1,10,0)"));
  for (const std::string& text : {rows, counts, leaving})
    EXPECT_THAT(text, ::testing::Not(HasSubstr("/*"))) << "a micro-op without its SQL";
}

TEST_F(PredicateReplay, OnCallWriteSkewReproducesAtRepeatableReadAndNotAtSerializable) {
  for (const PredicateWitness& w : {on_call_rows(), on_call_counts()}) {
    ReplayPlan plan = plan_for(w);
    ReplayOutcome o = replay_once(cluster_->conninfo(), plan, plan.recorded_order, {});
    EXPECT_TRUE(o.reproduced) << o.why_not;
    ReplaySearch s = search_interleavings(
        cluster_->conninfo(), plan_for(w, "BEGIN ISOLATION LEVEL SERIALIZABLE"), 100, {});
    EXPECT_EQ(s.reproduced, 0u);
    EXPECT_GT(s.tried, 1u);
  }
}

TEST_F(PredicateReplay, WriteSkewThroughRowsLeavingReproducesAtRepeatableRead) {
  PredicateWitness w = rows_leaving();
  ReplayPlan plan = plan_for(w);
  EXPECT_EQ(plan.setup, (std::vector<std::string>{
                            "INSERT INTO isocheck_witness_test_predicate VALUES (1, 10, 0)",
                            "INSERT INTO isocheck_witness_test_predicate VALUES (3, 30, 1)"}));
  ReplayOutcome o = replay_once(cluster_->conninfo(), plan, plan.recorded_order, {});
  EXPECT_TRUE(o.reproduced) << o.why_not;
  ReplaySearch s = search_interleavings(cluster_->conninfo(),
                                        plan_for(w, "BEGIN ISOLATION LEVEL SERIALIZABLE"), 100, {});
  EXPECT_EQ(s.reproduced, 0u);
}

TEST_F(PredicateReplay, ASerialOrderDoesNotReproduceTheSkew) {
  PredicateWitness w = on_call_rows();
  ReplayOutcome o = replay_once(cluster_->conninfo(), plan_for(w), {0, 0, 0, 1, 1, 1}, {});
  EXPECT_FALSE(o.reproduced);
  EXPECT_THAT(o.why_not, HasSubstr("answered (1,10,5) (2,20,5)"));
}

}  // namespace
}  // namespace isocheck::runner
