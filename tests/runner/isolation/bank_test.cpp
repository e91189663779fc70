// The bank workload end to end: transfers move money between accounts, so
// every read of all balances must sum to the fixed total; at SERIALIZABLE a
// transfer's "enough money?" check also keeps every balance non-negative.
#include <gtest/gtest.h>

#include "tests/runner/isolation/checked_run.h"

namespace isocheck::runner::testing {
namespace {

using std::chrono::milliseconds;
using K = AnomalyKind;

// Two per account, transfers of up to 5: most transfers are refused for
// lack of money and a concurrent pair that both pass the check overdraws.
RunOptions poor_bank(IsolationLevel isolation, milliseconds duration, const std::string& out) {
  RunOptions o = contended_run(Workload::kBank, isolation, duration, out);
  o.generator.bank_accounts = 8;
  o.bank_total = 16;
  o.generator.max_transfer = 5;
  o.generator.read_ratio = 0.3;
  return o;
}

TEST(Bank, TotalHoldsAtSerializableAndNoBalanceGoesNegative) {
  ScratchDir dir("bank-ser");
  CheckedRun run =
      run_and_check(poor_bank(IsolationLevel::kSerializable, milliseconds(2500), dir.file("h.pb")),
                    {"strict-serializable"});
  EXPECT_GT(run.summary.ok, 100u);
  EXPECT_EQ(count_of(run.result, K::kWrongTotal), 0u);
  EXPECT_EQ(count_of(run.result, K::kNegativeBalance), 0u);
  EXPECT_EQ(run.result.valid, Validity::kValid) << describe_counts(run.result);
}

// Snapshot isolation's first-updater-wins also stops two transfers out of
// one account from both committing, so no balance goes negative either.
TEST(Bank, TotalHoldsAtRepeatableReadAndNoBalanceGoesNegative) {
  ScratchDir dir("bank-rr");
  CheckedRun run = run_and_check(
      poor_bank(IsolationLevel::kRepeatableRead, milliseconds(2500), dir.file("h.pb")),
      {"snapshot-isolation"});
  EXPECT_GT(run.summary.ok, 100u);
  EXPECT_EQ(count_of(run.result, K::kWrongTotal), 0u);
  EXPECT_EQ(count_of(run.result, K::kNegativeBalance), 0u);
  EXPECT_EQ(run.result.valid, Validity::kValid) << describe_counts(run.result);
}

// READ COMMITTED still keeps the total: each read of all balances is one
// statement (one snapshot) and transfers add deltas under row locks. But two
// transfers out of one account can both pass the balance check before either
// debits it, so a balance goes negative — which proves the bank check can
// fail on a real history.
TEST(Bank, ReadCommittedKeepsTheTotalButOverdraws) {
  ScratchDir dir("bank-rc");
  int runs = 0;
  CheckedRun run = run_until_found(
      poor_bank(IsolationLevel::kReadCommitted, milliseconds(2000), dir.file("h.pb")),
      {"serializable"}, [](const CheckResult& r) { return count_of(r, K::kNegativeBalance) > 0; },
      6, runs);
  SCOPED_TRACE("runs: " + std::to_string(runs) + "; " + describe_counts(run.result));

  EXPECT_GT(count_of(run.result, K::kNegativeBalance), 0u);
  EXPECT_EQ(run.result.valid, Validity::kInvalid);
  EXPECT_EQ(count_of(run.result, K::kWrongTotal), 0u);
  CheckResult rc = check_again(run, {"read-committed"});
  EXPECT_EQ(rc.valid, Validity::kValid) << describe_counts(rc);
}

}  // namespace
}  // namespace isocheck::runner::testing
