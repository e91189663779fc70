// The HTML report of a verify run over several targets: each target's own
// report (html_report.h) in "<dir>/<target>/", and "<dir>/index.html" with
// every target's server, settings that matter and outcome (linked to its
// report) and the claims whose verdicts differ between targets side by side.
// A run without --target writes the one-server report into `dir` itself.
#pragma once

#include <string>

#include "checker/claims/html_report.h"
#include "checker/claims/verify_report.h"

namespace isocheck {

// Throws std::runtime_error naming the file when one cannot be written.
HtmlReportOutput write_html_report(const VerifyReport& report, const std::string& dir);

}  // namespace isocheck
