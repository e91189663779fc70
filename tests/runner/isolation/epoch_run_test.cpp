// `isocheck run --epoch` against a real server: epochs own disjoint keys,
// no transaction crosses a boundary, the verdict checked online is the one
// a whole-file check and an epoch-by-epoch check of the same file give, and
// --stop-on-violation ends a run at its first forbidden anomaly.
#include <gtest/gtest.h>

#include "checker/stream/epoch_segment_reader.h"
#include "checker/stream/epoch_stream_checker.h"
#include "tests/runner/isolation/checked_run.h"

namespace isocheck::runner::testing {
namespace {

using std::chrono::milliseconds;

// Read committed checked as serializable: anomalies within seconds, so the
// comparison of verdicts has counts to compare.
RunOptions epoch_run(const std::string& out, milliseconds duration, milliseconds epoch) {
  RunOptions o =
      contended_run(Workload::kListAppend, IsolationLevel::kReadCommitted, duration, out);
  o.epoch = epoch;
  o.check_models = {"serializable"};
  return o;
}

CheckResult check_epoch_by_epoch(const std::string& path, const std::vector<std::string>& models) {
  EpochSegmentReader reader(path);
  CheckOptions options;
  options.models = models;
  EpochStreamChecker checker(options);
  while (std::optional<EpochSegment> s = reader.next()) {
    if (s->epoch)
      checker.check_epoch(*s);
    else
      checker.check_after_run(*s);
  }
  return checker.result();
}

// Every epoch's transactions completed before its boundary and touched only
// its keys; after the last epoch come only the final reads.
void expect_epochs_own_their_keys(const CheckedRun& run) {
  const History& h = run.loaded.history;
  ASSERT_GE(run.summary.epochs, 3u);
  ASSERT_EQ(h.epochs.size(), 2 * run.summary.epochs);
  size_t in_epochs = 0;
  for (size_t e = 0; e + 1 < h.epochs.size(); e += 2) {
    const EpochMark& open = h.epochs[e];
    const EpochMark& closed = h.epochs[e + 1];
    ASSERT_EQ(open.phase, EpochPhase::kOpen);
    ASSERT_EQ(closed.phase, EpochPhase::kClosed);
    if (e > 0) {
      EXPECT_EQ(open.key_low, h.epochs[e - 1].key_end);
    }
    for (const Txn& t : h.txns) {
      if (t.invoke_index < open.events_before || t.invoke_index >= closed.events_before) continue;
      ++in_epochs;
      ASSERT_TRUE(t.completed());
      EXPECT_LT(t.complete_index, closed.events_before)
          << "a transaction of epoch " << open.number << " completed after its boundary";
      for (const Mop& m : h.mops_of(t)) {
        EXPECT_GE(m.key, closed.key_low) << "epoch " << open.number;
        EXPECT_LT(m.key, closed.key_end) << "epoch " << open.number;
      }
    }
  }
  size_t after = 0;
  for (const Txn& t : h.txns) after += t.invoke_index >= h.epochs.back().events_before;
  EXPECT_EQ(in_epochs + after, h.txns.size()) << "transactions outside every epoch";
  for (const Txn& t : h.txns) {
    if (t.invoke_index >= h.epochs.back().events_before) {
      EXPECT_TRUE(t.final_read);
    }
  }
}

TEST(EpochRun, EpochsOwnTheirKeysAndNoTransactionCrossesABoundary) {
  ScratchDir dir("epochs-shape");
  CheckedRun run = run_and_check(epoch_run(dir.file("h.pb"), milliseconds(3000), milliseconds(500)),
                                 {"serializable"});
  expect_epochs_own_their_keys(run);
}

// Four clients as fibers of one thread: the barrier must neither deadlock
// (a client blocking the thread while the others it waits for share it)
// nor let one of them into the next epoch early.
TEST(EpochRun, FourClientsOnOneThreadKeepTheBoundaries) {
  ScratchDir dir("epochs-one-thread");
  RunOptions o = epoch_run(dir.file("h.pb"), milliseconds(3000), milliseconds(500));
  o.clients = 4;
  o.threads = 1;
  CheckedRun run = run_and_check(o, {"serializable"});
  expect_epochs_own_their_keys(run);
}

TEST(EpochRun, TheOnlineVerdictIsTheWholeFilesAndTheStreams) {
  ScratchDir dir("epochs-verdict");
  const std::vector<std::string> models = {"serializable"};
  CheckedRun run =
      run_and_check(epoch_run(dir.file("h.pb"), milliseconds(4000), milliseconds(700)), models);
  ASSERT_TRUE(run.summary.verdict);
  const CheckResult& online = *run.summary.verdict;
  EXPECT_EQ(run.result.valid, Validity::kInvalid)
      << "read committed showed no anomaly to compare: " << describe_counts(run.result);
  EXPECT_EQ(online.valid, run.result.valid);
  EXPECT_EQ(describe_counts(online), describe_counts(run.result));
  EXPECT_EQ(online.stats.transactions, run.result.stats.transactions);
  CheckResult streamed = check_epoch_by_epoch(dir.file("h.pb"), models);
  EXPECT_EQ(streamed.valid, run.result.valid);
  EXPECT_EQ(describe_counts(streamed), describe_counts(run.result));
}

TEST(EpochRun, StopOnViolationEndsTheRunAtTheFirstForbiddenAnomaly) {
  ScratchDir dir("epochs-stop");
  RunOptions o = epoch_run(dir.file("h.pb"), milliseconds(120'000), milliseconds(300));
  o.stop_on_violation = true;
  RunSummary s = run_workload(o);
  ASSERT_TRUE(s.verdict);
  EXPECT_TRUE(s.stopped_on_violation);
  EXPECT_LT(s.seconds, 60.0) << "the run went on after the violation";
  EXPECT_EQ(s.verdict->valid, Validity::kInvalid);
  ASSERT_FALSE(s.verdict->witnesses.empty());
  EXPECT_FALSE(s.verdict->witnesses.begin()->second.front().txn_text.empty());
}

TEST(EpochRun, CombinationsThatCannotRunInEpochsAreRefused) {
  ScratchDir dir("epochs-refused");
  RunOptions processes = epoch_run(dir.file("p.pb"), milliseconds(1000), milliseconds(500));
  processes.processes = 2;
  EXPECT_THROW(run_workload(processes), RunError);
  RunOptions bank = epoch_run(dir.file("b.pb"), milliseconds(1000), milliseconds(500));
  bank.workload = Workload::kBank;
  EXPECT_THROW(run_workload(bank), RunError);
  RunOptions no_epochs = epoch_run(dir.file("s.pb"), milliseconds(1000), milliseconds(0));
  no_epochs.stop_on_violation = true;
  EXPECT_THROW(run_workload(no_epochs), RunError);
}

}  // namespace
}  // namespace isocheck::runner::testing
