// PredicateSql: the predicate workload's statements, as data.
//
// The table holds rows (k, v, grp), indexed by grp so that a serializable
// transaction's predicate locks cover a group rather than the whole table.
// Every statement that returns rows returns (k, v, grp) in key order, so the
// executor records them the same way whatever the statement; an aggregate
// (count(*), or sum(k): a key names a row, so a sum that differs proves
// another set of rows) returns one bigint. An update
// first locks and reads the row it will replace (FOR UPDATE): at read
// committed that is the newest committed version, which the update then
// replaces, so the recorded old row is exactly the version overwritten.
// SQL uses `{t}` for the table name (see workload_sql.h).
#pragma once

#include <array>
#include <string_view>

#include "checker/history/statement_names.h"

namespace isocheck::runner {

enum class PredicateStatement {
  kReadAll,       // ()           every row
  kReadGroup,     // (grp)        rows of one group
  kReadRange,     // (low, high)  rows with low <= k <= high
  kCountAll,      // ()           count(*) of every row
  kCountGroup,    // (grp)
  kCountRange,    // (low, high)
  kSumKeysAll,    // ()           sum(k) of every row, 0 over none
  kSumKeysGroup,  // (grp)
  kSumKeysRange,  // (low, high)
  kReadRow,       // (k)          row k
  kInsert,        // (k, v, grp)
  kLockRow,       // (k)          row k, locked for the update that follows
  kUpdate,        // (k, v, grp)
  kDelete,        // (k)          the row deleted
  kCount_,
};

struct PredicateStatementSql {
  PredicateStatement role;
  std::string_view name;  // checker/history/statement_names.h
  std::string_view sql;
  int params;
};

// Indexed by PredicateStatement. The first nine, in threes, are the
// predicate reads by Aggregate and then PredicateKind (the order of
// kPredicateReadStatements).
inline constexpr std::array<PredicateStatementSql, static_cast<size_t>(PredicateStatement::kCount_)>
    kPredicateStatements{{
        {PredicateStatement::kReadAll, kReadAllStatement, "SELECT k, v, grp FROM {t} ORDER BY k",
         0},
        {PredicateStatement::kReadGroup, kReadGroupStatement,
         "SELECT k, v, grp FROM {t} WHERE grp = $1 ORDER BY k", 1},
        {PredicateStatement::kReadRange, kReadRangeStatement,
         "SELECT k, v, grp FROM {t} WHERE k BETWEEN $1 AND $2 ORDER BY k", 2},
        {PredicateStatement::kCountAll, kCountAllStatement, "SELECT count(*) FROM {t}", 0},
        {PredicateStatement::kCountGroup, kCountGroupStatement,
         "SELECT count(*) FROM {t} WHERE grp = $1", 1},
        {PredicateStatement::kCountRange, kCountRangeStatement,
         "SELECT count(*) FROM {t} WHERE k BETWEEN $1 AND $2", 2},
        {PredicateStatement::kSumKeysAll, kSumKeysAllStatement,
         "SELECT coalesce(sum(k), 0)::bigint FROM {t}", 0},
        {PredicateStatement::kSumKeysGroup, kSumKeysGroupStatement,
         "SELECT coalesce(sum(k), 0)::bigint FROM {t} WHERE grp = $1", 1},
        {PredicateStatement::kSumKeysRange, kSumKeysRangeStatement,
         "SELECT coalesce(sum(k), 0)::bigint FROM {t} WHERE k BETWEEN $1 AND $2", 2},
        {PredicateStatement::kReadRow, kReadRowStatement, "SELECT k, v, grp FROM {t} WHERE k = $1",
         1},
        {PredicateStatement::kInsert, kInsertStatement,
         "INSERT INTO {t} (k, v, grp) VALUES ($1, $2, $3)", 3},
        {PredicateStatement::kLockRow, kLockRowStatement,
         "SELECT k, v, grp FROM {t} WHERE k = $1 FOR UPDATE", 1},
        {PredicateStatement::kUpdate, kUpdateStatement,
         "UPDATE {t} SET v = $2, grp = $3 WHERE k = $1", 3},
        {PredicateStatement::kDelete, kDeleteStatement,
         "DELETE FROM {t} WHERE k = $1 RETURNING k, v, grp", 1},
    }};

// The statement of a predicate read.
constexpr PredicateStatement predicate_read_statement(Aggregate a, PredicateKind k) {
  return static_cast<PredicateStatement>(static_cast<size_t>(a) * 3 + static_cast<size_t>(k));
}

}  // namespace isocheck::runner
