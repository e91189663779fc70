#include "checker/model/postgres_claims.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace isocheck {
namespace {

using K = AnomalyKind;
using P = Phenomenon;

const std::vector<PhenomenonInfo>& phenomena() {
  static const std::vector<PhenomenonInfo> table = {
      {P::kDirtyRead,
       "dirty read",
       "dirty-read",
       "a transaction reads data written by a concurrent uncommitted transaction",
       {K::kG0, K::kG1a, K::kG1b, K::kG1c, K::kDirtyUpdate, K::kIncompatibleOrder}},
      // Lost update and the bank's wrong total are both forms of a value
      // changing under a transaction that read it (Berenson et al.'s P4 is
      // prevented by repeatable read).
      {P::kNonrepeatableRead,
       "nonrepeatable read",
       "nonrepeatable-read",
       "a transaction re-reads data and finds it modified by a transaction that committed since",
       {K::kInternal, K::kGSingleItem, K::kLostUpdate, K::kWrongTotal}},
      {P::kPhantomRead,
       "phantom read",
       "phantom-read",
       "a query re-run finds a different set of rows because of a transaction that committed since",
       {K::kPhantom, K::kGSingle},
       {"predicate"}},
      // Real-time and process variants land here: on one PostgreSQL node a
      // serializable history is also strict, so they are serialization
      // failures of that claim. So do cycles through predicates with more
      // than one anti-dependency (predicate write skew) and the on-call
      // invariant that such write skew breaks.
      {P::kSerializationAnomaly,
       "serialization anomaly",
       "serialization-anomaly",
       "committed transactions give a result no serial order of them could give",
       {K::kG2Item,
        K::kGNonadjacentItem,
        K::kNegativeBalance,
        K::kG0Process,
        K::kG0Realtime,
        K::kG1cProcess,
        K::kG1cRealtime,
        K::kGSingleItemProcess,
        K::kGSingleItemRealtime,
        K::kGNonadjacentItemProcess,
        K::kGNonadjacentItemRealtime,
        K::kG2ItemProcess,
        K::kG2ItemRealtime,
        K::kG2,
        K::kGNonadjacent,
        K::kOnCallOverbooked,
        K::kGSingleProcess,
        K::kGSingleRealtime,
        K::kGNonadjacentProcess,
        K::kGNonadjacentRealtime,
        K::kG2Process,
        K::kG2Realtime}},
      {P::kLostWrite,
       "lost write",
       "lost-write",
       "an acknowledged commit is missing afterwards (durability)",
       {K::kLostWrite}},
      {P::kIntegrity,
       "corrupt read",
       "corrupt-read",
       "a read returns a value nobody wrote, or a list no order of appends explains",
       {K::kGarbageRead, K::kDuplicateElements, K::kCyclicVersions}},
  };
  return table;
}

const std::vector<PostgresLevel>& levels() {
  //                                       dirty  nonrep phantom serial lost   integrity
  static const std::vector<PostgresLevel> table = {
      // PostgreSQL runs READ UNCOMMITTED as READ COMMITTED.
      {"read-uncommitted",
       "READ UNCOMMITTED",
       {"read-committed"},
       {false, true, true, true, false, false}},
      {"read-committed",
       "READ COMMITTED",
       {"read-committed"},
       {false, true, true, true, false, false}},
      // Snapshot isolation: phantoms are "allowed, but not in PG".
      {"repeatable-read",
       "REPEATABLE READ",
       {"snapshot-isolation"},
       {false, false, false, true, false, false}},
      // Serializable snapshot isolation on one node orders transactions
      // consistently with real time, so the claim checked is strict.
      {"serializable",
       "SERIALIZABLE",
       {"strict-serializable"},
       {false, false, false, false, false, false}},
  };
  return table;
}

std::string normalize(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(c == ' ' || c == '_' ? '-' : static_cast<char>(std::tolower(c)));
  return out;
}

}  // namespace

std::span<const PhenomenonInfo> all_phenomena() { return phenomena(); }
const PhenomenonInfo& phenomenon_info(Phenomenon p) { return phenomena()[static_cast<size_t>(p)]; }

Phenomenon phenomenon_of(AnomalyKind k) {
  for (const auto& info : phenomena())
    if (std::find(info.shown_by.begin(), info.shown_by.end(), k) != info.shown_by.end())
      return info.phenomenon;
  return P::kSerializationAnomaly;
}

std::span<const PostgresLevel> all_postgres_levels() { return levels(); }

const PostgresLevel* find_postgres_level(std::string_view name) {
  static const std::pair<std::string_view, std::string_view> kShort[] = {{"ru", "read-uncommitted"},
                                                                         {"rc", "read-committed"},
                                                                         {"rr", "repeatable-read"},
                                                                         {"ser", "serializable"}};
  std::string n = normalize(name);
  for (auto [abbrev, full] : kShort)
    if (n == abbrev) n = full;
  for (const auto& level : levels())
    if (level.name == n) return &level;
  return nullptr;
}

}  // namespace isocheck
