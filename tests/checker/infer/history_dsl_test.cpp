#include "tests/support/history_dsl.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

namespace isocheck::testing {
namespace {

using ::testing::ElementsAre;

TEST(HistoryDsl, OkCompletionsCarryReadResultsOthersDoNot) {
  HistoryDsl h;
  h.ok(0, {append(1, 1), read_list(1, {1})});
  h.info(1, {read_list(1, {1})});
  History hist = h.build();
  ASSERT_EQ(hist.txns.size(), 2u);
  EXPECT_EQ(hist.txns[0].status, TxnStatus::kOk);
  EXPECT_EQ(hist.txns[1].status, TxnStatus::kInfo);
  const Mop& seen = hist.mops[hist.txns[0].mop_begin + 1];
  EXPECT_TRUE(seen.has_result);
  EXPECT_THAT(hist.list_of(seen), ElementsAre(1));
  EXPECT_FALSE(hist.mops[hist.txns[1].mop_begin].has_result);
}

TEST(HistoryDsl, InterleavedTransactionsOverlapInTime) {
  HistoryDsl h;
  uint32_t t0 = h.invoke(0, {write(1, 1)});
  uint32_t t1 = h.ok(1, {read_nil(1)});
  h.complete_fail(t0);
  uint32_t t2 = h.invoke(2, {write(1, 2)});
  History hist = h.build();
  EXPECT_EQ(t1, 1u);
  EXPECT_LT(hist.txns[t0].invoke_ns, hist.txns[t1].invoke_ns);
  EXPECT_GT(hist.txns[t0].complete_ns, hist.txns[t1].complete_ns);
  EXPECT_EQ(hist.txns[t0].status, TxnStatus::kFail);
  EXPECT_FALSE(hist.txns[t2].completed());
  EXPECT_TRUE(hist.mops[hist.txns[t1].mop_begin].is_nil);
}

TEST(HistoryDsl, FinalReadsAreMarked) {
  HistoryDsl h;
  h.ok(0, {read(1, 3)});
  h.final_read(0, {read(1, 3)});
  History hist = h.build();
  EXPECT_FALSE(hist.txns[0].final_read);
  EXPECT_TRUE(hist.txns[1].final_read);
}

TEST(HistoryDsl, ReinvokingAnOpenProcessThrows) {
  HistoryDsl h;
  h.invoke(0, {write(1, 1)});
  EXPECT_THROW(h.invoke(0, {write(1, 2)}), std::logic_error);
}

}  // namespace
}  // namespace isocheck::testing
