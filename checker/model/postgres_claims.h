// PostgreSQL's isolation claims, as data: for each of the four SQL levels,
// which models isocheck checks it against and what the manual's table of
// phenomena says is possible; and which anomaly kinds show each phenomenon.
//
// Claims follow the manual's "Transaction Isolation" table with its
// PostgreSQL-specific notes ("allowed, but not in PG" counts as not
// possible), plus two rows the manual takes for granted at every level:
// durability (acknowledged writes persist) and integrity (reads return
// values that were written, lists never duplicate or reorder).
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "checker/anomaly/anomaly_kind.h"

namespace isocheck {

enum class Phenomenon : uint8_t {
  kDirtyRead,
  kNonrepeatableRead,
  kPhantomRead,
  kSerializationAnomaly,
  kLostWrite,
  kIntegrity,
};
inline constexpr int kPhenomenonCount = 6;

struct PhenomenonInfo {
  Phenomenon phenomenon;
  std::string_view name;         // "dirty read"
  std::string_view slug;         // "dirty-read", for JSON and JUnit
  std::string_view description;  // the manual's definition, in our words
  std::vector<AnomalyKind> shown_by;
  // The workloads that can show it (by workload name); empty: every one.
  std::vector<std::string_view> tested_only_by{};
};

struct PostgresLevel {
  std::string_view name;  // "repeatable-read"
  std::string_view sql;   // "REPEATABLE READ"
  // Models isocheck checks a history recorded at this level against.
  std::vector<std::string_view> models;
  // Indexed by Phenomenon: true when PostgreSQL says it can happen.
  std::array<bool, kPhenomenonCount> possible;
};

std::span<const PhenomenonInfo> all_phenomena();
const PhenomenonInfo& phenomenon_info(Phenomenon p);
// The phenomenon an anomaly kind is evidence of.
Phenomenon phenomenon_of(AnomalyKind k);

std::span<const PostgresLevel> all_postgres_levels();
// Accepts "repeatable-read", "repeatable read", "REPEATABLE READ", "rr".
const PostgresLevel* find_postgres_level(std::string_view name);

}  // namespace isocheck
