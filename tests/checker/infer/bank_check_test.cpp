#include "checker/infer/bank_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/checker/infer/inference_matchers.h"
#include "tests/support/history_dsl.h"

namespace isocheck {
namespace {

using namespace isocheck::testing;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

History bank(std::vector<DslMop> reads, bool reader_fails = false) {
  HistoryDsl h;
  h.header().workload = Workload::kBank;
  h.header().bank_accounts = 2;
  h.header().bank_total = 100;
  h.ok(0, {adjust(1, -30), adjust(2, 30)});
  reader_fails ? h.fail(1, std::move(reads)) : h.ok(1, std::move(reads));
  return h.build();
}

TEST(BankCheck, ConsistentReadsPass) {
  EXPECT_THAT(anomaly_names(check_bank(bank({read(1, 20), read(2, 80)}))), IsEmpty());
}

TEST(BankCheck, WrongTotal) {
  std::vector<Anomaly> found = check_bank(bank({read(1, 20), read(2, 50)}));
  EXPECT_THAT(anomaly_names(found), ElementsAre("wrong-total"));
  EXPECT_THAT(found[0].txns, ElementsAre(1u));
  EXPECT_EQ(found[0].summary, "T1 read balances {1=20, 2=50} summing to 70, not the total 100");
}

TEST(BankCheck, NegativeBalance) {
  std::vector<Anomaly> found = check_bank(bank({read(1, -10), read(2, 110)}));
  EXPECT_THAT(anomaly_names(found), ElementsAre("negative-balance"));
  EXPECT_EQ(found[0].key, 1);
  EXPECT_EQ(found[0].summary, "T1 read account 1 with balance -10");
}

TEST(BankCheck, FailedReadsAreNotChecked) {
  EXPECT_THAT(anomaly_names(check_bank(bank({read(1, -10), read(2, 50)}, true))), IsEmpty());
}

}  // namespace
}  // namespace isocheck
