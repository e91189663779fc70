// The verify result as a self-contained HTML report directory: index.html
// plus one SVG per witness cycle, no external URLs and no script, so it can
// be archived with a nightly build and opened from disk.
//
// index.html holds: the overall conclusion; the server and its settings;
// the claims table (phenomena × levels, one coloured cell per verdict,
// linked to the witness); the phenomenon → anomaly mapping; every cell's
// statistics with its throughput / abort-rate chart as inline SVG
// (timeline_chart.h); and every anomaly kind found with its witness in
// words and its graph rendered by Graphviz (checker/report/graphviz.h). When
// `dot` is not installed the page says so where the pictures would be.
// Links to histories and explain files are relative to `dir`.
#pragma once

#include <string>
#include <vector>

#include "checker/claims/verify_result.h"

namespace isocheck {

struct HtmlReportOutput {
  std::vector<std::string> files;  // written, relative to the directory
  bool graphviz = false;           // whether witness graphs were drawn
  std::vector<std::string> warnings;
};

// Creates `dir` if needed. Throws std::runtime_error naming the file when
// one cannot be written.
HtmlReportOutput write_html_report(const VerifyResult& r, const std::string& dir);

}  // namespace isocheck
