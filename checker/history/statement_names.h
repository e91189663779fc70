// Statement names: the names under which the runner prepares its statements
// and records their SQL in the history header (Header.statements), and which
// micro-op each statement runs with which parameters.
//
// The runner (runner/workload/workload_sql.cpp) and the checker's SQL
// rendering of witnesses (checker/report/sql_witness.h) both read this one
// table, so a history always names its statements the way its readers look
// them up. Parameters are always the micro-op's key ($1) and, for writes, its
// value ($2). Statements of the predicate workload have no entry yet.
#pragma once

#include <string_view>

#include "checker/history/history.h"

namespace isocheck {

inline constexpr std::string_view kAppendStatement = "isocheck_append";
inline constexpr std::string_view kWriteStatement = "isocheck_write";
inline constexpr std::string_view kReadOneStatement = "isocheck_read_one";
inline constexpr std::string_view kReadAllStatement = "isocheck_read_all";
inline constexpr std::string_view kReadPairStatement = "isocheck_read_pair";
inline constexpr std::string_view kAdjustStatement = "isocheck_adjust";
inline constexpr std::string_view kBeginStatement = "begin";
inline constexpr std::string_view kCommitStatement = "commit";
inline constexpr std::string_view kCreateTableStatement = "create_table";

struct MopStatement {
  std::string_view name;
  bool binds_value;  // $2 = the micro-op's value
};

// The statement a micro-op of `workload` runs as. Bank reads are answered by
// one read of every balance, and the final read of a run likewise
// (`whole_table`).
constexpr MopStatement mop_statement(Workload workload, MopKind kind, bool whole_table) {
  switch (kind) {
    case MopKind::kAppend:
      return {kAppendStatement, true};
    case MopKind::kWrite:
      return {kWriteStatement, true};
    case MopKind::kAdjust:
      return {kAdjustStatement, true};
    case MopKind::kReadList:
    case MopKind::kReadRegister:
      break;
    case MopKind::kPredicateRead:
    case MopKind::kInsert:
    case MopKind::kDelete:
    case MopKind::kUpdate:
    case MopKind::kReadRow:
      // The predicate workload does not record its SQL in the header yet:
      // its micro-ops are shown as isocheck writes them.
      return {"", false};
  }
  if (whole_table || workload == Workload::kBank) return {kReadAllStatement, false};
  return {kReadOneStatement, false};
}

}  // namespace isocheck
