// PredicateSql: the predicate workload's statements, as data.
//
// The table holds rows (k, v, grp), indexed by grp so that a serializable
// transaction's predicate locks cover a group rather than the whole table.
// Every statement that returns rows returns (k, v, grp) in key order, so the
// executor records them the same way whatever the statement. An update
// first locks and reads the row it will replace (FOR UPDATE): at read
// committed that is the newest committed version, which the update then
// replaces, so the recorded old row is exactly the version overwritten.
// SQL uses `{t}` for the table name (see workload_sql.h).
#pragma once

#include <array>
#include <string_view>

namespace isocheck::runner {

enum class PredicateStatement {
  kReadGroup,  // (grp)        rows of one group
  kReadRange,  // (low, high)  rows with low <= k <= high
  kReadAll,    // ()           every row
  kReadRow,    // (k)          row k
  kInsert,     // (k, v, grp)
  kLockRow,    // (k)          row k, locked for the update that follows
  kUpdate,     // (k, v, grp)
  kDelete,     // (k)          the row deleted
  kCount_,
};

struct PredicateStatementSql {
  PredicateStatement role;
  std::string_view name;
  std::string_view sql;
  int params;
};

inline constexpr std::array<PredicateStatementSql, static_cast<size_t>(PredicateStatement::kCount_)>
    kPredicateStatements{{
        {PredicateStatement::kReadGroup, "isocheck_read_group",
         "SELECT k, v, grp FROM {t} WHERE grp = $1 ORDER BY k", 1},
        {PredicateStatement::kReadRange, "isocheck_read_range",
         "SELECT k, v, grp FROM {t} WHERE k BETWEEN $1 AND $2 ORDER BY k", 2},
        {PredicateStatement::kReadAll, "isocheck_read_all", "SELECT k, v, grp FROM {t} ORDER BY k",
         0},
        {PredicateStatement::kReadRow, "isocheck_read_row",
         "SELECT k, v, grp FROM {t} WHERE k = $1", 1},
        {PredicateStatement::kInsert, "isocheck_insert",
         "INSERT INTO {t} (k, v, grp) VALUES ($1, $2, $3)", 3},
        {PredicateStatement::kLockRow, "isocheck_lock_row",
         "SELECT k, v, grp FROM {t} WHERE k = $1 FOR UPDATE", 1},
        {PredicateStatement::kUpdate, "isocheck_update",
         "UPDATE {t} SET v = $2, grp = $3 WHERE k = $1", 3},
        {PredicateStatement::kDelete, "isocheck_delete",
         "DELETE FROM {t} WHERE k = $1 RETURNING k, v, grp", 1},
    }};

}  // namespace isocheck::runner
