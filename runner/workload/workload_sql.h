// WorkloadSql: each workload's schema and statements, as data.
//
// One entry per workload (list-append, rw-register, bank, predicate) gives the table's
// name suffix, its CREATE TABLE, an optional populate statement and the
// statements its transactions run. SQL text uses `{t}` for the table name,
// which is the run's prefix (e.g. "isocheck_1a2b3c_") plus the suffix, so
// concurrent runs against one server never share tables. Statement
// parameters are text and bound as $1, $2 ...
//
// Statement roles (kNone when a workload has no such statement):
//  - kAppend(k, v)        list-append: append v to the list at k (upsert)
//  - kWrite(k, v)         rw-register: set the register at k to v (upsert)
//  - kReadOne(k)          the value at k; no row = empty list / nil
//  - kReadAll()           every (k, value) row, ordered by k: final reads
//                         and bank reads of all balances
//  - kReadPair(a, b)      bank: (k, balance) of two accounts
//  - kAdjust(k, delta)    bank: balance += delta
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "checker/history/history.h"

namespace isocheck::runner {

enum class StatementRole { kAppend, kWrite, kReadOne, kReadAll, kReadPair, kAdjust, kCount_ };
inline constexpr size_t kStatementRoleCount = static_cast<size_t>(StatementRole::kCount_);

struct StatementSql {
  std::string_view name;  // prepared-statement name; empty = none
  std::string_view sql;   // with {t}
  int params = 0;
};

struct WorkloadSql {
  Workload workload;
  std::string_view table_suffix;
  std::string_view create_table;
  // Bank only: fills the accounts; $1 = accounts, $2 = total. Empty otherwise.
  std::string_view populate;
  std::array<StatementSql, kStatementRoleCount> statements;  // indexed by StatementRole

  const StatementSql& statement(StatementRole role) const {
    return statements[static_cast<size_t>(role)];
  }
};

// The entry for `w`; throws std::invalid_argument for kUnknown.
const WorkloadSql& workload_sql(Workload w);

// `sql` with every `{t}` replaced by `table`.
std::string with_table(std::string_view sql, std::string_view table);

}  // namespace isocheck::runner
