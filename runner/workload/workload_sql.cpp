#include "runner/workload/workload_sql.h"

#include <stdexcept>

#include "checker/history/statement_names.h"

namespace isocheck::runner {

namespace {

// Appends go through INSERT ... ON CONFLICT so that the first append to a key
// creates its row: no pre-population, and keys can rotate freely.
constexpr WorkloadSql kListAppend{
    Workload::kListAppend,
    "list",
    "CREATE TABLE {t} (k bigint PRIMARY KEY, v bigint[] NOT NULL)",
    "",
    {{
        {kAppendStatement,
         "INSERT INTO {t} AS t (k, v) VALUES ($1, ARRAY[$2::bigint]) "
         "ON CONFLICT (k) DO UPDATE SET v = t.v || EXCLUDED.v",
         2},
        {},
        {kReadOneStatement, "SELECT v FROM {t} WHERE k = $1", 1},
        {kReadAllStatement, "SELECT k, v FROM {t} ORDER BY k", 0},
        {},
        {},
    }},
};

constexpr WorkloadSql kRwRegister{
    Workload::kRwRegister,
    "register",
    "CREATE TABLE {t} (k bigint PRIMARY KEY, v bigint NOT NULL)",
    "",
    {{
        {},
        {kWriteStatement,
         "INSERT INTO {t} AS t (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v",
         2},
        {kReadOneStatement, "SELECT v FROM {t} WHERE k = $1", 1},
        {kReadAllStatement, "SELECT k, v FROM {t} ORDER BY k", 0},
        {},
        {},
    }},
};

// Transfers add a delta (balance = balance + $2) rather than writing a value
// computed from the read, so the recorded kAdjust mops say exactly what each
// committed transfer did to each account.
constexpr WorkloadSql kBank{
    Workload::kBank,
    "bank",
    "CREATE TABLE {t} (k bigint PRIMARY KEY, balance bigint NOT NULL)",
    "INSERT INTO {t} (k, balance) SELECT g, $2::bigint / $1::bigint + "
    "CASE WHEN g = 0 THEN $2::bigint % $1::bigint ELSE 0 END "
    "FROM generate_series(0, $1::bigint - 1) AS g",
    {{
        {},
        {},
        {},
        {kReadAllStatement, "SELECT k, balance FROM {t} ORDER BY k", 0},
        {kReadPairStatement, "SELECT k, balance FROM {t} WHERE k = $1 OR k = $2", 2},
        {kAdjustStatement, "UPDATE {t} SET balance = balance + $2 WHERE k = $1", 2},
    }},
};

// Rows move between groups and come and go; the statements are in
// predicate_sql.h (they do not fit the item workloads' roles).
constexpr WorkloadSql kPredicate{
    Workload::kPredicate,
    "predicate",
    "CREATE TABLE {t} (k bigint PRIMARY KEY, v bigint NOT NULL, grp bigint NOT NULL); "
    "CREATE INDEX ON {t} (grp)",
    "",
    {},
};

}  // namespace

const WorkloadSql& workload_sql(Workload w) {
  for (const WorkloadSql* entry : {&kListAppend, &kRwRegister, &kBank, &kPredicate}) {
    if (entry->workload == w) return *entry;
  }
  throw std::invalid_argument("no SQL for workload '" + std::string(workload_name(w)) + "'");
}

std::string with_table(std::string_view sql, std::string_view table) {
  std::string out;
  out.reserve(sql.size() + table.size() * 2);
  size_t at = 0;
  while (true) {
    size_t hole = sql.find("{t}", at);
    out.append(sql.substr(at, hole == std::string_view::npos ? std::string_view::npos : hole - at));
    if (hole == std::string_view::npos) return out;
    out.append(table);
    at = hole + 3;
  }
}

}  // namespace isocheck::runner
