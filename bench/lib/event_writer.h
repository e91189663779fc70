// EventWriter: feeds generated events to a HistoryBuilder with consecutive
// indices and strictly increasing times.
//
// The generator schedules events at times it draws; when a scheduled time
// is not after the previous event's (ties, or time spent on an injected
// anomaly), the event moves to just after it. That keeps the emission order
// and the time order the same, so "completed before invoked" in the history
// means exactly "came earlier in the simulation".
//
// Contract: every begin() is followed by micro-ops and one end(); end()
// throws std::logic_error carrying the builder's message if the generator
// produced an event the builder rejects (a bug in the generator, never
// bad user input).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "checker/history/history_builder.h"

namespace isocheck::bench {

class EventWriter {
 public:
  explicit EventWriter(HistoryBuilder& builder) : builder_(builder) {}

  // Returns the time the event got.
  int64_t begin(int64_t process, EventType type, int64_t time_ns) {
    if (index_ > 0 && time_ns <= last_time_) time_ns = last_time_ + 1;
    last_time_ = time_ns;
    if (type == EventType::kInvoke) ++invocations_;
    builder_.begin_event({index_++, process, type, time_ns});
    return time_ns;
  }
  HistoryBuilder& builder() { return builder_; }
  void end() {
    if (auto error = builder_.end_event())
      throw std::logic_error("history generator produced a bad event: " + *error);
  }

  int64_t last_time() const { return last_time_; }
  // Invocations so far: the id the next invoked transaction will get.
  uint64_t invocations() const { return invocations_; }

 private:
  HistoryBuilder& builder_;
  uint64_t index_ = 0;
  int64_t last_time_ = 0;
  uint64_t invocations_ = 0;
};

}  // namespace isocheck::bench
