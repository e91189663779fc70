// Statement names: the names under which the runner prepares its statements
// and records their SQL in the history header (Header.statements), and which
// micro-op each statement runs with which parameters.
//
// The runner (runner/workload/workload_sql.cpp) and the checker's SQL
// rendering of witnesses (checker/report/sql_witness.h) both read this one
// table, so a history always names its statements the way its readers look
// them up. Parameters of the item workloads' statements are always the
// micro-op's key ($1) and, for writes, its value ($2); the predicate
// workload's are in row_mop_statement.
#pragma once

#include <array>
#include <cstdint>
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

// The predicate workload (SQL in runner/workload/predicate_sql.h). Every
// kind of predicate read has its statement: rows, count(*) and sum(k) over
// every row, a group, a key range.
inline constexpr std::string_view kReadGroupStatement = "isocheck_read_group";
inline constexpr std::string_view kReadRangeStatement = "isocheck_read_range";
inline constexpr std::string_view kCountAllStatement = "isocheck_count_all";
inline constexpr std::string_view kCountGroupStatement = "isocheck_count_group";
inline constexpr std::string_view kCountRangeStatement = "isocheck_count_range";
inline constexpr std::string_view kSumKeysAllStatement = "isocheck_sum_keys_all";
inline constexpr std::string_view kSumKeysGroupStatement = "isocheck_sum_keys_group";
inline constexpr std::string_view kSumKeysRangeStatement = "isocheck_sum_keys_range";
inline constexpr std::string_view kReadRowStatement = "isocheck_read_row";
inline constexpr std::string_view kInsertStatement = "isocheck_insert";
inline constexpr std::string_view kLockRowStatement = "isocheck_lock_row";
inline constexpr std::string_view kUpdateStatement = "isocheck_update";
inline constexpr std::string_view kDeleteStatement = "isocheck_delete";

// The statement of a predicate read, by Aggregate and then PredicateKind.
inline constexpr std::array<std::array<std::string_view, 3>, 3> kPredicateReadStatements{{
    {kReadAllStatement, kReadGroupStatement, kReadRangeStatement},
    {kCountAllStatement, kCountGroupStatement, kCountRangeStatement},
    {kSumKeysAllStatement, kSumKeysGroupStatement, kSumKeysRangeStatement},
}};

// What a predicate-workload micro-op runs: one statement, or for an update
// two (the row locked and read, then written), with parameters $1, $2, $3.
struct RowMopStatement {
  std::string_view name;
  std::string_view then;  // the update after the lock; empty otherwise
  std::array<int64_t, 3> params{};
  int param_count = 0;
};

// For a micro-op with is_row_mop_kind.
RowMopStatement row_mop_statement(const History& h, const Mop& m);

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
      // The predicate workload's parameters are not key and value:
      // row_mop_statement says what they are.
      return {"", false};
  }
  if (whole_table || workload == Workload::kBank) return {kReadAllStatement, false};
  return {kReadOneStatement, false};
}

}  // namespace isocheck
