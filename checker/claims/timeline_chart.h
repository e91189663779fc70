// timeline_chart: a run's throughput and abort rate over time as an inline
// SVG element, drawn by isocheck itself so the HTML report needs no script
// and no external library.
//
// Two series over the same time axis: committed transactions per second
// (left axis, blue) and the abort rate fail / (ok + fail) per bucket, in
// percent (right axis, red; buckets with no completions are gaps). Fault
// windows are shaded behind both (class "fault-window fault-<kind>", with a
// <title> naming the fault and its span). The
// returned text is a complete <svg> element with a <title>; an empty
// timeline yields a small SVG saying "no completions".
#pragma once

#include <string>

#include "checker/claims/cell_outcome.h"

namespace isocheck {

std::string timeline_svg(const Timeline& timeline, const std::string& title);

}  // namespace isocheck
