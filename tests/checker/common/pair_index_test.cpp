#include "checker/common/pair_index.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <utility>

namespace isocheck {
namespace {

TEST(PairIndex, FindsWhatWasInsertedAndNothingElse) {
  PairIndex index;
  EXPECT_EQ(index.find(1, 2), PairIndex::kAbsent);
  EXPECT_EQ(index.insert(1, 2, 7), 7u);
  EXPECT_EQ(index.insert(1, 2, 9), 7u);  // present: the first value stays
  EXPECT_EQ(index.find(1, 2), 7u);
  EXPECT_EQ(index.find(2, 1), PairIndex::kAbsent);
  EXPECT_EQ(index.size(), 1u);
}

// Growing (with and without reserve) past the fill limit many times over,
// with negative and clustered keys, loses and confuses nothing.
TEST(PairIndex, MatchesAMapThroughEveryGrowth) {
  std::mt19937_64 rng(3);
  for (size_t reserved : {size_t{0}, size_t{1000}, size_t{50'000}}) {
    PairIndex index;
    index.reserve(reserved);
    std::map<std::pair<int64_t, int64_t>, uint32_t> expected;
    for (uint32_t i = 0; i < 40'000; ++i) {
      const int64_t a = static_cast<int64_t>(rng() % 300) - 150;
      const int64_t b =
          i % 3 == 0 ? static_cast<int64_t>(rng()) : static_cast<int64_t>(rng() % 500);
      const uint32_t stored = index.insert(a, b, i);
      auto [it, fresh] = expected.try_emplace({a, b}, i);
      ASSERT_EQ(stored, it->second) << a << "," << b;
      (void)fresh;
    }
    EXPECT_EQ(index.size(), expected.size());
    for (const auto& [key, value] : expected) ASSERT_EQ(index.find(key.first, key.second), value);
    for (int i = 0; i < 1000; ++i)
      EXPECT_EQ(index.find(1'000 + i, static_cast<int64_t>(rng())), PairIndex::kAbsent);
  }
}

}  // namespace
}  // namespace isocheck
