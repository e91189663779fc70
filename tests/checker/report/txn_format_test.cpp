// How a witness's transactions are written out: short transactions whole,
// a final read that touches every key cut to its first micro-ops and a
// count, long lists shortened as in the witness steps.
#include "checker/report/txn_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/history_dsl.h"

namespace isocheck {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace isocheck::testing;

TEST(TxnFormat, ShortTransactionIsWrittenWhole) {
  HistoryDsl h;
  uint32_t t = h.ok(3, {append(1, 4), read_list(2, {1, 2})});
  History hist = h.build();
  EXPECT_EQ(format_txn(hist, t), "T0 (process 3, ok, events 0..1): append 1 4; read 2 -> [1 2]");
}

TEST(TxnFormat, FinalReadOfManyKeysShowsTenMicroOpsAndTheCount) {
  HistoryDsl h;
  std::vector<DslMop> reads;
  for (int64_t key = 0; key < 3000; ++key) reads.push_back(read_list(key, {1}));
  uint32_t t = h.final_read(0, reads);
  std::string text = format_txn(h.build(), t);
  EXPECT_THAT(text, HasSubstr("read 9 -> [1]; … (3000 micro-ops in all)"));
  EXPECT_THAT(text, Not(HasSubstr("read 10 ->")));
  EXPECT_LT(text.size(), 300u);
}

TEST(TxnFormat, LongListIsShortenedToItsEnds) {
  HistoryDsl h;
  std::vector<int64_t> list;
  for (int64_t v = 1; v <= 40; ++v) list.push_back(v);
  uint32_t t = h.ok(0, {read_list(7, list)});
  std::string text = format_txn(h.build(), t);
  EXPECT_THAT(text, HasSubstr("read 7 -> [1 2 3 4 5 … 36 37 38 39 40] (40 elements)"));
}

}  // namespace
}  // namespace isocheck
