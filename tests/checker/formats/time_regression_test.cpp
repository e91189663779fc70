// Jepsen's :time is taken per process and is not monotonic across them
// (Elle's own huge-scc.edn goes backwards at hundreds of places). A history
// whose times go backwards loads with one warning, real-time order follows
// the event indices, and explanations stop quoting the times; --no-time
// (LoadOptions::ignore_time) drops the times altogether.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "checker/check/check_history.h"
#include "checker/formats/load_history.h"
#include "tests/checker/formats/format_test_support.h"

namespace isocheck {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

// T0 writes x=1 and completes (events 0, 1); only then is T1 invoked
// (events 2, 3), yet T1's events carry earlier times than T0's. When T1
// reads nil it misses a write that completed before it began: a stale read
// that strict serializability forbids, visible only if real time follows
// the indices rather than the times.
std::string register_history(const char* t1_read) {
  return std::string(
             "{:type :invoke, :f :txn, :value [[:w 1 1]], :time 500, :process 0, :index 0}\n"
             "{:type :ok, :f :txn, :value [[:w 1 1]], :time 600, :process 0, :index 1}\n"
             "{:type :invoke, :f :txn, :value [[:r 1 nil]], :time 100, :process 1, :index 2}\n"
             "{:type :ok, :f :txn, :value [[:r 1 ") +
         t1_read + "]], :time 200, :process 1, :index 3}\n";
}

class TimeRegression : public ::testing::Test {
 protected:
  LoadedHistory load(const std::string& text, LoadOptions options = {}) {
    testing::write_file(path_, text);
    return load_history(path_, options);
  }
  CheckResult check(const History& h) {
    CheckOptions o;
    o.models = {"strict-serializable"};
    return check_history(h, o);
  }
  TempDir dir_;
  std::string path_ = dir_.file("history.edn");
};

TEST_F(TimeRegression, LoadsWithOneWarningNamingTheFirstPlace) {
  LoadedHistory got = load(register_history("1"));
  // Both of T1's events are timed before T0's completion.
  EXPECT_EQ(got.history.times.regressions, 2u);
  EXPECT_EQ(got.history.times.first_regression_index, 2u);
  EXPECT_FALSE(got.history.times.trusted());
  ASSERT_EQ(got.warnings.size(), 1u);
  EXPECT_THAT(got.warnings[0], HasSubstr(path_));
  EXPECT_THAT(got.warnings[0], HasSubstr("time goes backwards at 2 event(s), first at index 2"));
}

TEST_F(TimeRegression, ManyPlacesStillGiveOneWarning) {
  std::string text;
  for (int i = 0; i < 10; ++i) {
    // Each transaction is timed before the previous one.
    const int time = 1000 - 10 * i;
    text += fmt::format(
        "{{:type :invoke, :f :txn, :value [[:w {} 1]], :time {}, :process {}, "
        ":index {}}}\n",
        i, time, i, 2 * i);
    text += fmt::format(
        "{{:type :ok, :f :txn, :value [[:w {} 1]], :time {}, :process {}, "
        ":index {}}}\n",
        i, time + 1, i, 2 * i + 1);
  }
  LoadedHistory got = load(text);
  // Every event after the first transaction's is timed before an earlier one.
  EXPECT_EQ(got.history.times.regressions, 18u);
  EXPECT_EQ(got.warnings.size(), 1u);
  EXPECT_EQ(check(got.history).valid, Validity::kValid);
}

TEST_F(TimeRegression, RealTimeFollowsTheIndicesAndFindsTheStaleRead) {
  CheckResult r = check(load(register_history("nil")).history);
  EXPECT_EQ(r.valid, Validity::kInvalid);
  // A stale read: even strong snapshot isolation, which only adds real time
  // to snapshot isolation, is broken.
  EXPECT_EQ(r.violated, std::vector<std::string>{"strong-snapshot-isolation"});
}

TEST_F(TimeRegression, AFreshReadIsValidWhateverTheTimes) {
  EXPECT_EQ(check(load(register_history("1")).history).valid, Validity::kValid);
}

TEST_F(TimeRegression, ExplanationsQuoteEventsNotTimes) {
  CheckResult r = check(load(register_history("nil")).history);
  std::string steps;
  for (const auto& [kind, witnesses] : r.witnesses)
    for (const Anomaly& a : witnesses)
      for (const std::string& s : a.steps) steps += s + "\n";
  EXPECT_THAT(steps, HasSubstr("T0 completed (event 1) before T1 was invoked (event 2)"));
  EXPECT_THAT(steps, ::testing::Not(HasSubstr(" ms")));
}

TEST_F(TimeRegression, NoTimeDropsTheTimesAndTheWarning) {
  LoadOptions o;
  o.ignore_time = true;
  LoadedHistory got = load(register_history("nil"), o);
  EXPECT_TRUE(got.warnings.empty());
  EXPECT_TRUE(got.history.times.ignored);
  EXPECT_TRUE(std::all_of(got.history.txns.begin(), got.history.txns.end(),
                          [](const Txn& t) { return t.invoke_ns == 0 && t.complete_ns == 0; }));
  EXPECT_EQ(check(got.history).valid, Validity::kInvalid);
}

TEST_F(TimeRegression, MonotonicTimesAreTrustedAndQuoted) {
  LoadedHistory got = load(
      "{:type :invoke, :f :txn, :value [[:w 1 1]], :time 100, :process 0, :index 0}\n"
      "{:type :ok, :f :txn, :value [[:w 1 1]], :time 2000000, :process 0, :index 1}\n"
      "{:type :invoke, :f :txn, :value [[:r 1 nil]], :time 3000000, :process 1, :index 2}\n"
      "{:type :ok, :f :txn, :value [[:r 1 nil]], :time 4000000, :process 1, :index 3}\n");
  EXPECT_TRUE(got.history.times.trusted());
  EXPECT_TRUE(got.warnings.empty());
  CheckResult r = check(got.history);
  std::string steps;
  for (const auto& [kind, witnesses] : r.witnesses)
    for (const Anomaly& a : witnesses)
      for (const std::string& s : a.steps) steps += s + "\n";
  EXPECT_THAT(steps, HasSubstr("T0 completed at 2.000 ms, before T1 was invoked at 3.000 ms"));
}

}  // namespace
}  // namespace isocheck
