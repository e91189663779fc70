// Explain files: for every witness of a check, `<kind>-<n>.txt` (the
// witness in words with its transactions in full), `<kind>-<n>.dot`, and
// `<kind>-<n>.svg` when Graphviz is installed; plus `index.txt` listing them.
#pragma once

#include <string>
#include <vector>

#include "checker/check/check_history.h"
#include "checker/history/history.h"

namespace isocheck {

struct ExplainOutput {
  std::vector<std::string> files;  // every file written, relative to the directory
  bool svg = false;                // whether SVGs were rendered
  std::vector<std::string> warnings;
};

// Creates `dir` if needed. Throws std::runtime_error when a file cannot be
// written.
ExplainOutput write_explanations(const History& h, const CheckResult& r, const std::string& dir);

}  // namespace isocheck
