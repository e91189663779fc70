// Explain files: for every witness of a check, `<kind>-<n>.txt` (the
// witness in words with its transactions in full), `<kind>-<n>.dot`, and
// `<kind>-<n>.svg` when Graphviz is installed; with `sql_events`, also
// `<kind>-<n>.sql` (the witness as the SQL that ran, see sql_witness.h); plus
// `index.txt` listing them.
#pragma once

#include <string>
#include <vector>

#include "checker/check/check_history.h"
#include "checker/formats/recorded_events.h"
#include "checker/history/history.h"

namespace isocheck {

struct ExplainOutput {
  std::vector<std::string> files;  // every file written, relative to the directory
  bool svg = false;                // whether SVGs were rendered
  std::vector<std::string> warnings;
};

// Creates `dir` if needed. Throws std::runtime_error when a file cannot be
// written.
ExplainOutput write_explanations(const History& h, const CheckResult& r, const std::string& dir,
                                 const RecordedEvents* sql_events = nullptr);

// Every witness's completion index in `r`: what read_recorded_events needs
// for write_explanations' SQL files.
std::set<uint64_t> witness_event_indices(const History& h, const CheckResult& r);

}  // namespace isocheck
