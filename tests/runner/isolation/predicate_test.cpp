// The predicate workload end to end against a real server, one isolation
// level at a time: PostgreSQL's phantom claims (none at repeatable read,
// stronger than the standard) and what it allows (phantoms at read
// committed, predicate write skew at repeatable read), and the on-call
// invariant that write skew breaks.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "checker/formats/recorded_events.h"
#include "checker/infer/predicate_inference.h"
#include "checker/report/witness_statements.h"
#include "tests/runner/isolation/checked_run.h"

namespace isocheck::runner::testing {
namespace {

using std::chrono::milliseconds;
using K = AnomalyKind;

constexpr int kMaxHuntRuns = 6;
constexpr milliseconds kHuntRunLength{2500};

size_t phantom_evidence(const CheckResult& r) {
  return count_of(r, K::kPhantom) + count_of(r, K::kGSingle);
}

// Keys a re-run read of rows in `txn` lost: returned by its first read of
// a predicate, missing from its last read of the same predicate, and not
// written by the transaction itself. Non-empty: a row left the predicate
// between the two runs.
std::set<int64_t> keys_that_left(const History& h, uint32_t txn) {
  std::vector<const Mop*> reads;
  std::set<int64_t> own;
  for (const Mop& m : h.mops_of(h.txns[txn])) {
    if (m.kind == MopKind::kPredicateRead && h.row_mop_of(m).aggregate == Aggregate::kRows)
      reads.push_back(&m);
    else if (m.is_write())
      own.insert(m.key);
  }
  std::set<int64_t> left;
  if (reads.size() < 2) return left;
  const Mop& first = *reads.front();
  const Mop& last = *reads.back();
  if (!(h.row_mop_of(first).predicate == h.row_mop_of(last).predicate)) return left;
  std::set<int64_t> after;
  for (const Row& r : h.rows_of(last)) after.insert(r.key);
  for (const Row& r : h.rows_of(first))
    if (!after.count(r.key) && !own.count(r.key)) left.insert(r.key);
  return left;
}

bool mentions_aggregate(const Anomaly& a) {
  return a.summary.find("count(") != std::string::npos ||
         a.summary.find("sum of keys(") != std::string::npos;
}

// Phantoms seen through an aggregate, and phantoms where a row left.
struct PhantomShapes {
  size_t through_aggregates = 0;
  size_t rows_left = 0;
  const Anomaly* left_example = nullptr;
};

PhantomShapes phantom_shapes(const History& h, const Inference& inf) {
  PhantomShapes s;
  for (const Anomaly& a : inf.anomalies) {
    if (a.kind != K::kPhantom) continue;
    s.through_aggregates += mentions_aggregate(a);
    if (!keys_that_left(h, a.txns.front()).empty()) {
      ++s.rows_left;
      s.left_example = &a;
    }
  }
  return s;
}

TEST(PredicateWorkload, ReadCommittedPhantomsShowThroughAggregatesAndRowsLeaving) {
  ScratchDir dir("rc-predicate-shapes");
  CheckedRun run;
  Inference inf;
  PhantomShapes s;
  for (int seed = 1; seed <= kMaxHuntRuns; ++seed) {
    RunOptions o = contended_run(Workload::kPredicate, IsolationLevel::kReadCommitted,
                                 kHuntRunLength, dir.file("h" + std::to_string(seed) + ".pb"));
    o.generator.seed = static_cast<uint64_t>(seed);
    run = run_and_check(o, {"read-committed"});
    // The inference's full list: a check result keeps a few witnesses only.
    inf = infer_predicate(run.loaded.history);
    s = phantom_shapes(run.loaded.history, inf);
    if (s.through_aggregates > 0 && s.rows_left > 0) break;
  }
  SCOPED_TRACE(describe_counts(run.result));
  EXPECT_GT(s.through_aggregates, 0u);
  ASSERT_GT(s.rows_left, 0u);
  // Read committed allows them: the level's own claims hold.
  EXPECT_EQ(run.result.valid, Validity::kValid) << describe_counts(run.result);
  // The witness of a row that left, as the SQL that ran, in the order the
  // server answered it.
  const Anomaly& a = *s.left_example;
  RecordedEvents events = read_recorded_events(run.summary.history_path,
                                               witness_completion_indices(run.loaded.history, a));
  WitnessStatements ws = witness_statements(run.loaded.history, a, events);
  EXPECT_TRUE(ws.timed);
  for (const WitnessStatement& st : ws.statements) {
    EXPECT_FALSE(st.sql.empty());
    if (st.role == StatementRoleInTxn::kMop) {
      EXPECT_GT(st.sent_ns, 0) << st.sql;
      EXPECT_GE(st.answered_ns, st.sent_ns) << st.sql;
    }
  }
}

TEST(PredicateWorkload, ReadCommittedShowsPhantomsButIsReadCommitted) {
  ScratchDir dir("rc-predicate");
  int runs = 0;
  CheckedRun run = run_until_found(
      contended_run(Workload::kPredicate, IsolationLevel::kReadCommitted, kHuntRunLength,
                    dir.file("h.pb")),
      {"strict-serializable"}, [](const CheckResult& r) { return count_of(r, K::kPhantom) > 0; },
      kMaxHuntRuns, runs);
  SCOPED_TRACE("runs: " + std::to_string(runs) + "; " + describe_counts(run.result));
  EXPECT_GT(count_of(run.result, K::kPhantom), 0u);
  EXPECT_GT(run.summary.ok, 100u);
  CheckResult rc = check_again(run, {"read-committed"});
  EXPECT_EQ(rc.valid, Validity::kValid) << describe_counts(rc);
}

TEST(PredicateWorkload, RepeatableReadShowsNoPhantomButPredicateWriteSkew) {
  ScratchDir dir("rr-predicate");
  int runs = 0;
  CheckedRun run = run_until_found(
      contended_run(Workload::kPredicate, IsolationLevel::kRepeatableRead, kHuntRunLength,
                    dir.file("h.pb")),
      {"strict-serializable"},
      [](const CheckResult& r) {
        return count_of(r, K::kG2) > 0 && count_of(r, K::kOnCallOverbooked) > 0;
      },
      kMaxHuntRuns, runs);
  SCOPED_TRACE("runs: " + std::to_string(runs) + "; " + describe_counts(run.result));
  EXPECT_GT(count_of(run.result, K::kG2), 0u);
  // The on-call rule (at most two rows per on-call group) is lost.
  EXPECT_GT(count_of(run.result, K::kOnCallOverbooked), 0u);
  EXPECT_EQ(phantom_evidence(run.result), 0u);
  for (K forbidden : {K::kG0, K::kG1a, K::kG1b, K::kG1c, K::kGSingleItem, K::kGNonadjacent,
                      K::kLostUpdate, K::kLostWrite, K::kGarbageRead, K::kInternal})
    EXPECT_EQ(count_of(run.result, forbidden), 0u) << anomaly_name(forbidden);
  CheckResult si = check_again(run, {"snapshot-isolation"});
  EXPECT_EQ(si.valid, Validity::kValid) << describe_counts(si);
}

TEST(PredicateWorkload, SerializableShowsNeitherAndKeepsTheOnCallRule) {
  ScratchDir dir("ser-predicate");
  CheckedRun run = run_and_check(contended_run(Workload::kPredicate, IsolationLevel::kSerializable,
                                               milliseconds(4000), dir.file("h.pb")),
                                 {"strict-serializable"});
  EXPECT_GT(run.summary.ok, 100u);
  EXPECT_GT(run.summary.fail, 0u) << "no failures: the run was not contended";
  EXPECT_EQ(run.result.valid, Validity::kValid) << describe_counts(run.result);
  EXPECT_TRUE(run.result.counts.empty()) << describe_counts(run.result);
}

}  // namespace
}  // namespace isocheck::runner::testing
