#include "checker/graph/process_order.h"

#include <gtest/gtest.h>

#include "tests/checker/graph/event_history.h"

namespace isocheck {
namespace {

using testing::Ev;
using testing::history_of;
constexpr auto I = EventType::kInvoke;
constexpr auto O = EventType::kOk;
constexpr auto F = EventType::kFail;
constexpr auto N = EventType::kInfo;

std::vector<std::pair<uint32_t, uint32_t>> pairs(const std::vector<Edge>& edges) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const Edge& e : edges) {
    EXPECT_EQ(e.kind, EdgeKind::kProcess);
    out.emplace_back(e.from, e.to);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ProcessOrder, ChainsEachProcessInInvocationOrder) {
  // T0 p1, T1 p2, T2 p1, T3 p2, T4 p1
  History h =
      history_of({{1, I}, {1, O}, {2, I}, {1, I}, {2, O}, {1, O}, {2, I}, {2, O}, {1, I}, {1, O}});
  ASSERT_EQ(h.txns.size(), 5u);
  EXPECT_EQ(pairs(process_edges(h)),
            (std::vector<std::pair<uint32_t, uint32_t>>{{0, 2}, {1, 3}, {2, 4}}));
}

TEST(ProcessOrder, SkipsFailedTransactionsAndContinuesThroughThem) {
  // p1: T0 ok, T1 fail, T2 fail, T3 ok
  History h = history_of({{1, I}, {1, O}, {1, I}, {1, F}, {1, I}, {1, F}, {1, I}, {1, O}});
  EXPECT_EQ(pairs(process_edges(h)), (std::vector<std::pair<uint32_t, uint32_t>>{{0, 3}}));
}

TEST(ProcessOrder, IndeterminateTransactionsTakePart) {
  // p1: T0 ok then T2 info (completed); p2: T1 ok then T3 never completes.
  History h = history_of({{1, I}, {1, O}, {2, I}, {2, O}, {1, I}, {1, N}, {2, I}});
  EXPECT_EQ(pairs(process_edges(h)), (std::vector<std::pair<uint32_t, uint32_t>>{{0, 2}, {1, 3}}));
}

TEST(ProcessOrder, NoEdgesForSingleTransactionsPerProcess) {
  History h = history_of({{1, I}, {2, I}, {1, O}, {2, F}, {3, I}, {3, O}});
  EXPECT_TRUE(process_edges(h).empty());
}

}  // namespace
}  // namespace isocheck
