// The verify result as JSON (what `isocheck verify --json` writes and
// `isocheck compare` reads), and reading it back.
//
// Shape (stable; additions only):
//   { "format": "isocheck-verify", "format_version": 1,
//     "tool_version": "...", "target": "embedded", "seed": n,
//     "started_unix_seconds": n, "out_dir": "...",
//     "server": {"version": "...", "settings": {"name": "value", ...}},
//     "violated": bool, "unknown": bool,
//     "levels": ["repeatable-read", "serializable"],   // that ran, weakest first
//     "mapping": [{"phenomenon": "dirty-read", "name": "dirty read",
//                  "description": "...", "anomalies": ["G0", "G1a", ...]}],
//     "claims": [{"level": "serializable", "phenomenon": "dirty-read",
//                 "claimed_possible": false, "observed": 0,
//                 "verdict": "holds", "kinds_seen": [...],
//                 "witness": {"workload", "kind", "lines": [...], "explain_link"},
//                 "unknown_reasons": [...]}],
//     "cells": [{"level", "workload", "duration_seconds", "transactions",
//                "ok", "failed", "indeterminate", "throughput",
//                "anomaly_types": [...], "anomaly_counts": {"G2-item": 3},
//                "anomalies": [{"kind", "count", "witness": [...], "dot",
//                               "explain_link"}],
//                "verdicts": {"dirty-read": "holds", ...},  // this cell alone
//                "search_incomplete": bool, "unknown_reasons": [...],
//                "history": "...", "explain_dir": "...",
//                "timeline": {"bucket_seconds": 1, "ok": [...],
//                             "failed": [...], "indeterminate": [...]}}] }
//
// A run with --target writes format_version 2 instead:
//   { "format": "isocheck-verify", "format_version": 2, "tool_version",
//     "violated", "unknown", "failed",        // over every target
//     "targets": [ <a version-1 result as above, plus "name" and "error"> ],
//     "differences": [{"level", "faults", "phenomenon",
//                      "verdicts": {"<target>": "holds" | null, ...}}] }
// (version-1 results written since targets exist carry "name" and "error"
// too, both empty.)
//
// Reading keeps the claims' verdicts as written (compare reports what each
// run said) and recomputes only the per-kind details from the cells.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "checker/claims/verify_report.h"

namespace isocheck {

// Bad verify JSON. what() is one line: "<file>: <field path>: <problem>".
class VerifyJsonError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

nlohmann::json verify_json(const VerifyResult& r);

// `source` names the input in errors (a file path). Throws VerifyJsonError.
VerifyResult parse_verify_json(const nlohmann::json& j, const std::string& source);
// Reads and parses the file at `path`. Throws VerifyJsonError, including
// for a file that cannot be read or is not JSON at all.
VerifyResult read_verify_json(const std::string& path);

// The whole run: version 1 for a run without --target (what verify_json
// writes), version 2 otherwise.
nlohmann::json verify_report_json(const VerifyReport& report);
// Reads either version; a version-1 file is one unnamed target (or the
// named target it records). Throws VerifyJsonError.
VerifyReport parse_verify_report_json(const nlohmann::json& j, const std::string& source);
VerifyReport read_verify_report(const std::string& path);

}  // namespace isocheck
