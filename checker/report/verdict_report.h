// Reports of one check: the terminal summary a person reads and the JSON
// object machines read. Both are built from the same CheckResult and say the
// same things: valid or not, each anomaly kind with its count, the weakest
// violated models, and a witness per kind with its transactions written out.
//
// JSON shape (stable; additions only):
//   { "valid": true | false | "unknown", "workload": "...", "models": [...],
//     "anomaly_types": ["G2-item", ...]            // sorted
//     "anomaly_counts": {"G2-item": 3, ...},
//     "not": [...], "also_not": [...],             // weakest violated / stronger ones
//     "anomalies": {"G2-item": [{"summary": "...", "steps": [...], "key": 3,
//                    "txns": [{"id": 4, "process": 1, "status": "ok",
//                              "invoke_index": 8, "complete_index": 11,
//                              "ops": "append 3 4; read 5 -> [1 2]"}]}]},
//     "unknown_reasons": [...],
//     "stats": {"transactions": n, "ok": n, "failed": n, "indeterminate": n,
//               "edges": n, "components": n, "largest_component": n,
//               "infer_seconds": x, "graph_seconds": x, "cycle_seconds": x} }
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "checker/check/check_history.h"
#include "checker/history/history.h"

namespace isocheck {

const char* validity_name(Validity v);  // "valid", "invalid", "unknown"

nlohmann::json verdict_json(const History& h, const CheckResult& r);

struct TerminalStyle {
  bool color = false;
  size_t witnesses_per_kind = 1;
};
void print_verdict(std::ostream& out, const History& h, const CheckResult& r,
                   const TerminalStyle& style);

// The lines of one witness: its summary, each step's reason, then every
// transaction it mentions in full. Shared by the terminal report and explain.
std::vector<std::string> witness_lines(const History& h, const Anomaly& a);

}  // namespace isocheck
