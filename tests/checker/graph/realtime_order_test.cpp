#include "checker/graph/realtime_order.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "tests/checker/graph/event_history.h"

namespace isocheck {
namespace {

using testing::Ev;
using testing::history_of;
using Pairs = std::vector<std::pair<uint32_t, uint32_t>>;
constexpr auto I = EventType::kInvoke;
constexpr auto O = EventType::kOk;
constexpr auto F = EventType::kFail;
constexpr auto N = EventType::kInfo;

Pairs pairs(const std::vector<Edge>& edges) {
  Pairs out;
  for (const Edge& e : edges) {
    EXPECT_EQ(e.kind, EdgeKind::kRealtime);
    out.emplace_back(e.from, e.to);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(RealtimeOrder, SequentialTransactionsFormAChainWithoutShortcuts) {
  History h = history_of({{1, I}, {1, O}, {2, I}, {2, O}, {3, I}, {3, O}});
  EXPECT_EQ(pairs(realtime_edges(h)), (Pairs{{0, 1}, {1, 2}}));
}

TEST(RealtimeOrder, ConcurrentTransactionsAreUnordered) {
  // T0 and T1 overlap; T2 starts after both.
  History h = history_of({{1, I}, {2, I}, {1, O}, {2, O}, {3, I}, {3, O}});
  EXPECT_EQ(pairs(realtime_edges(h)), (Pairs{{0, 2}, {1, 2}}));
}

TEST(RealtimeOrder, FailedAreNeitherSourceNorTargetAndInfoIsOnlyATarget) {
  // T0 fails, T1 info (completed), T2 ok, T3 never completes.
  History h = history_of({{1, I}, {1, F}, {2, I}, {2, N}, {3, I}, {3, O}, {4, I}});
  EXPECT_EQ(pairs(realtime_edges(h)), (Pairs{{2, 3}}));
}

// Random histories: clients invoke and complete in random interleavings;
// an info completion retires the process.
History random_history(std::mt19937& rng, int clients, int events) {
  std::vector<Ev> evs;
  std::vector<int64_t> process(clients);
  std::vector<bool> open(clients, false);
  int64_t next_process = 0;
  for (auto& p : process) p = next_process++;
  for (int i = 0; i < events; ++i) {
    const int c = static_cast<int>(rng() % clients);
    if (!open[c]) {
      evs.push_back({process[c], I});
      open[c] = true;
      continue;
    }
    const unsigned r = rng() % 10;
    const EventType t = r < 6 ? O : r < 8 ? F : N;
    evs.push_back({process[c], t});
    open[c] = false;
    if (t == N) process[c] = next_process++;
  }
  return history_of(evs);
}

TEST(RealtimeOrder, ReachabilityEqualsTheFullRelationOnRandomHistories) {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    const int clients = 1 + static_cast<int>(rng() % 6);
    History h = random_history(rng, clients, 10 + static_cast<int>(rng() % 80));
    const size_t n = h.txns.size();
    const auto edges = realtime_edges(h);

    std::vector<std::vector<uint32_t>> out(n);
    for (const Edge& e : edges) out[e.from].push_back(e.to);
    for (uint32_t a = 0; a < n; ++a) {
      std::vector<bool> reached(n, false);
      std::vector<uint32_t> stack{a};
      while (!stack.empty()) {
        uint32_t x = stack.back();
        stack.pop_back();
        for (uint32_t y : out[x])
          if (!reached[y]) reached[y] = true, stack.push_back(y);
      }
      for (uint32_t b = 0; b < n; ++b) {
        const Txn& ta = h.txns[a];
        const Txn& tb = h.txns[b];
        const bool precedes = ta.status == TxnStatus::kOk && ta.completed() &&
                              tb.status != TxnStatus::kFail && ta.complete_index < tb.invoke_index;
        ASSERT_EQ(reached[b], precedes) << "round " << round << ": T" << a << " -> T" << b;
      }
    }
    // Each transaction gets at most one edge per client that could have
    // completed concurrently before it, so edges <= n x clients.
    EXPECT_LE(edges.size(), n * static_cast<size_t>(clients));
  }
}

}  // namespace
}  // namespace isocheck
