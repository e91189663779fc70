// Synthetic CellOutcomes for the claims tests: a cell at a level and
// workload with the given anomaly counts, each with a short witness.
#pragma once

#include <fmt/format.h>

#include <initializer_list>
#include <string>
#include <utility>

#include "checker/claims/cell_outcome.h"
#include "checker/claims/claims_table.h"
#include "checker/claims/verify_result.h"

namespace isocheck::testing {

inline CellOutcome make_cell(const std::string& level, const std::string& workload,
                             std::initializer_list<std::pair<AnomalyKind, size_t>> found = {},
                             bool search_incomplete = false) {
  CellOutcome c;
  c.level = level;
  c.workload = workload;
  c.duration_seconds = 2.5;
  c.ok = 900;
  c.failed = 80;
  c.indeterminate = 3;
  c.transactions = c.ok + c.failed + c.indeterminate;
  c.throughput = c.ok / c.duration_seconds;
  c.history_path = level + "-" + workload + ".pb";
  c.explain_dir = level + "-" + workload + ".explain";
  c.timeline.buckets = {{300, 20, 0}, {350, 40, 1}, {250, 20, 2}};
  for (auto [kind, count] : found) {
    std::string name(anomaly_name(kind));
    c.anomalies.push_back(
        {kind,
         count,
         {fmt::format("T3 and T5 form a {} cycle on key 7", name), "  1. T3 rw-> T5",
          "    T3 (process 1, ok, events 4..9): append 7 2; read 8 -> [1]"},
         "digraph witness { T3 -> T5 [label=\"rw\"]; T5 -> T3 [label=\"rw\"]; }",
         c.explain_dir + "/" + name + "-1.txt"});
  }
  if (search_incomplete) {
    c.search_incomplete = true;
    c.unknown_reasons = {
        "component of 90000 transactions: G2-item search stopped after 50000000 steps"};
  }
  return c;
}

inline VerifyResult make_result(std::vector<CellOutcome> cells) {
  VerifyResult r;
  r.tool_version = "0.1.0";
  r.server_version = "PostgreSQL 15.8";
  r.settings = {{"default_transaction_isolation", "read committed"}, {"fsync", "off"}};
  r.target = "embedded";
  r.seed = 42;
  r.started_unix_seconds = 1'700'000'000;
  r.out_dir = "verify-out";
  r.cells = std::move(cells);
  r.claims = judge_claims(r.cells);
  return r;
}

}  // namespace isocheck::testing
