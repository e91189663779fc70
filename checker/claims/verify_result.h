// VerifyResult: everything one `isocheck verify` run found — the server it
// ran against, every cell's outcome and the claims judged from them. The
// JSON, JUnit, HTML and terminal reports are all written from this one
// value, and `isocheck compare` reads two of them back from JSON.
//
// Contract: `claims` is judge_claims(cells); whoever fills `cells` sets it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "checker/claims/cell_outcome.h"
#include "checker/claims/claims_table.h"

namespace isocheck {

struct VerifyResult {
  std::string tool_version;
  std::string server_version;  // e.g. "PostgreSQL 15.8 on x86_64-pc-linux-gnu"
  // Server settings that matter to isolation, as the server reported them,
  // plus every --pg-setting the run asked for.
  std::map<std::string, std::string> settings;
  // The target's name (`--target NAME=SPEC`); empty for a run without
  // --target.
  std::string name;
  // What was tested: "embedded", a binaries dir, "pgbouncer:transaction",
  // or a DSN with any password removed.
  std::string target;
  // Why the target could not run (or stopped early); empty when it ran.
  std::string error;
  uint64_t seed = 0;
  int64_t started_unix_seconds = 0;
  std::string out_dir;  // where histories and explain files were written
  std::vector<CellOutcome> cells;
  ClaimsTable claims;
};

}  // namespace isocheck
