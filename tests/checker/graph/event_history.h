// Builds small Histories for process- and real-time-order tests straight
// from a list of (process, event type) pairs, through HistoryBuilder. Event
// i gets index i and time i; each invocation appends a fresh value.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "checker/history/history_builder.h"

namespace isocheck::testing {

struct Ev {
  int64_t process;
  EventType type;
};

inline History history_of(const std::vector<Ev>& events) {
  HistoryBuilder b;
  int64_t value = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    b.begin_event({i + 1, events[i].process, events[i].type, static_cast<int64_t>(i)});
    if (events[i].type == EventType::kInvoke) b.add_mop(MopKind::kAppend, 1, ++value);
    auto err = b.end_event();
    EXPECT_FALSE(err.has_value()) << *err;
  }
  return std::move(b).finish();
}

}  // namespace isocheck::testing
