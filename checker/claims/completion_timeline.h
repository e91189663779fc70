// completion_timeline: how a run went over time — committed, failed and
// indeterminate completions per second, the data behind the report's
// throughput and abort-rate chart.
//
// Time zero is the first invocation. Final reads (taken after the run) and
// invocations that never completed are left out. Buckets are one second
// wide unless the run spans more than `max_buckets` seconds; then they widen
// to whole seconds so that at most `max_buckets` remain (a history with a
// wild timestamp cannot make the chart huge). The history's fault windows
// that overlap the run are kept, clipped to it.
#pragma once

#include <cstddef>

#include "checker/claims/cell_outcome.h"
#include "checker/history/history.h"

namespace isocheck {

Timeline completion_timeline(const History& h, size_t max_buckets = 3600);

}  // namespace isocheck
