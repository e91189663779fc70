// Graphviz rendering: witness cycles as DOT text, and DOT -> SVG through the
// `dot` program when it is installed. The checker works without Graphviz;
// only the pictures are skipped (reports say so).
#pragma once

#include <optional>
#include <string>

#include "checker/anomaly/anomaly.h"
#include "checker/history/history.h"

namespace isocheck {

// A DOT digraph of the witness: one box per transaction (id, process,
// status, micro-ops) and, for cycles, one labelled edge per step.
std::string witness_dot(const History& h, const Anomaly& a);

// Path of the `dot` executable on PATH, if any.
std::optional<std::string> find_dot_program();

// Runs `dot -Tsvg dot_path -o svg_path` without a shell. Returns an error
// message, or nullopt on success.
std::optional<std::string> render_svg(const std::string& dot_program, const std::string& dot_path,
                                      const std::string& svg_path);

}  // namespace isocheck
