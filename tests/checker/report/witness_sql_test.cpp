// A witness as the SQL that ran: statement order, literals, answers, and what
// the text says when times or SQL were not recorded.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checker/report/sql_witness.h"
#include "checker/report/witness_state.h"
#include "checker/report/witness_statements.h"
#include "tests/support/history_dsl.h"
#include "tests/support/write_skew_witness.h"

namespace isocheck {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::recorded_write_skew;

std::vector<std::string> sql_of(const WitnessStatements& ws) {
  std::vector<std::string> out;
  for (const WitnessStatement& s : ws.statements)
    out.push_back("T" + std::to_string(s.txn) + " " + s.sql.substr(0, 20));
  return out;
}

TEST(WitnessStatements, InterleaveInTheOrderTheServerAnswered) {
  auto w = recorded_write_skew();
  WitnessStatements ws = witness_statements(w.history, w.anomaly, w.events);
  ASSERT_TRUE(ws.timed);
  uint32_t t0 = w.anomaly.txns[0], t1 = w.anomaly.txns[1];
  std::vector<uint32_t> order;
  for (const WitnessStatement& s : ws.statements) order.push_back(s.txn);
  EXPECT_EQ(order, (std::vector<uint32_t>{t0, t1, t0, t1, t0, t1, t0, t1}))
      << ::testing::PrintToString(sql_of(ws));
  EXPECT_EQ(ws.statements[2].sql,
            std::string("SELECT v FROM ") + testing::kWriteSkewTable + " WHERE k = 1");
  EXPECT_EQ(ws.statements[2].answer, "{1}");
  EXPECT_THAT(ws.statements[4].sql, HasSubstr("VALUES (2, ARRAY[2::bigint])"));
  EXPECT_EQ(ws.statements[6].sql, "COMMIT");
  EXPECT_EQ(ws.statements[6].answer, "committed");
}

TEST(WitnessStatements, WithoutTimesTransactionsFollowOneAnother) {
  auto w = recorded_write_skew();
  WitnessStatements ws = witness_statements(w.history, w.anomaly, RecordedEvents{});
  EXPECT_FALSE(ws.timed);
  std::vector<uint32_t> order;
  for (const WitnessStatement& s : ws.statements) order.push_back(s.txn);
  uint32_t t0 = w.anomaly.txns[0], t1 = w.anomaly.txns[1];
  EXPECT_EQ(order, (std::vector<uint32_t>{t0, t0, t0, t0, t1, t1, t1, t1}));
  EXPECT_THAT(witness_sql(w.history, w.anomaly, RecordedEvents{}),
              HasSubstr("Statement times not recorded"));
}

TEST(WitnessSql, NamesServerTableRowsBeforeAndBackend) {
  auto w = recorded_write_skew();
  std::string text = witness_sql(w.history, w.anomaly, w.events);
  EXPECT_THAT(text, HasSubstr("-- G2-item: 2 transactions"));
  EXPECT_THAT(text, HasSubstr("-- Server: PostgreSQL (test)"));
  EXPECT_THAT(text, HasSubstr("-- Table: CREATE TABLE isocheck_witness_test_list"));
  EXPECT_THAT(text,
              HasSubstr("Rows before, as the witness's reads show them: k = 1: {1}; k = 2: {1}"));
  EXPECT_THAT(text, HasSubstr("backend pid 4242"));
  EXPECT_THAT(text, HasSubstr("WHERE k = 2;  -- {1}"));
  EXPECT_THAT(text, Not(HasSubstr("not recorded")));
}

TEST(WitnessSql, WithoutRecordedSqlShowsMicroOpsAsComments) {
  auto w = recorded_write_skew();
  w.history.header.statements.clear();
  std::string text = witness_sql(w.history, w.anomaly, w.events);
  EXPECT_THAT(text, HasSubstr("does not record its SQL"));
  EXPECT_THAT(text, HasSubstr("/* append 2 2 */"));
}

TEST(WitnessState, ListKeepsTheShortestPrefixWithoutTheWitnessOwnWrites) {
  using namespace isocheck::testing;
  HistoryDsl dsl;
  dsl.header().workload = Workload::kListAppend;
  uint32_t a = dsl.ok(0, {read_list(7, {1, 2, 3}), append(8, 5)});
  uint32_t b = dsl.ok(1, {read_list(7, {1, 2}), read_list(8, {4, 5}), append(7, 9)});
  uint32_t c = dsl.ok(2, {read_list(9, {})});
  History h = dsl.build();
  Anomaly an;
  an.txns = {a, b, c};
  auto state = witness_initial_state(h, an);
  EXPECT_EQ(state.at(7), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(state.at(8), (std::vector<int64_t>{4}));  // 5 is the witness's own append
  EXPECT_FALSE(state.at(9).has_value());              // empty read: no row
}

TEST(WitnessState, RegisterTakesTheFirstReadOfAValueNotWrittenByTheWitness) {
  using namespace isocheck::testing;
  HistoryDsl dsl;
  dsl.header().workload = Workload::kRwRegister;
  uint32_t a = dsl.ok(0, {read(1, 3), write(2, 8)});
  uint32_t b = dsl.ok(1, {read(2, 8), read_nil(4)});
  History h = dsl.build();
  Anomaly an;
  an.txns = {a, b};
  auto state = witness_initial_state(h, an);
  EXPECT_EQ(state.at(1), (std::vector<int64_t>{3}));
  EXPECT_EQ(state.count(2), 0u);  // only ever read as the witness's own write
  EXPECT_FALSE(state.at(4).has_value());
}

}  // namespace
}  // namespace isocheck
