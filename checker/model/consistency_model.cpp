#include "checker/model/consistency_model.h"

#include <algorithm>

namespace isocheck {
namespace {

using K = AnomalyKind;

// Sources: Adya (PL-* levels), Bailis et al. (cursor stability, MAV),
// Cerone et al. (internal consistency for SI and serializability), Daudjee
// and Salem (strong session variants), Elle's model table. Bank invariants:
// a wrong total needs a lost update or read skew, which repeatable read and
// snapshot isolation forbid; a negative balance needs write skew, which only
// serializability forbids. Predicates (Adya): PL-2.99 forbids cycles through
// item anti-dependencies only, so phantoms and predicate G2 pass it; snapshot
// isolation forbids G-single and G-nonadjacent through predicates too, and so
// phantoms (a re-run predicate read that changed is a G-single), but allows
// predicate G2 (write skew through a predicate); PL-3 forbids G2. An
// overbooked on-call group needs predicate write skew.
const std::vector<ConsistencyModel>& table() {
  static const std::vector<ConsistencyModel> models = {
      {"read-uncommitted",
       {"PL-1", "ru"},
       {},
       {K::kG0, K::kDuplicateElements, K::kCyclicVersions, K::kGarbageRead, K::kLostWrite},
       "no write cycles; every read returns something written; acknowledged writes persist"},
      {"read-committed",
       {"PL-2", "rc"},
       {"read-uncommitted"},
       {K::kG1},
       "no dirty reads: no aborted, intermediate or circular reads"},
      {"cursor-stability",
       {"PL-CS"},
       {"read-committed"},
       {K::kG1, K::kLostUpdate},
       "read committed without lost updates"},
      {"monotonic-atomic-view",
       {"MAV"},
       {"read-committed"},
       {K::kG1},
       "read committed, and once a transaction sees another's effect it sees all of them"},
      {"repeatable-read",
       {"PL-2.99", "rr"},
       {"cursor-stability", "monotonic-atomic-view"},
       {K::kG1, K::kG2Item, K::kLostUpdate, K::kWrongTotal},
       "no cycles through item anti-dependencies"},
      {"snapshot-isolation",
       {"PL-SI", "si"},
       {"cursor-stability", "monotonic-atomic-view"},
       {K::kInternal, K::kG1, K::kGSingle, K::kGNonadjacent, K::kLostUpdate, K::kWrongTotal,
        K::kPhantom},
       "every transaction reads one snapshot; no cycle whose anti-dependencies are all "
       "non-adjacent"},
      {"serializable",
       {"PL-3", "ser"},
       {"repeatable-read", "snapshot-isolation"},
       {K::kInternal, K::kG1, K::kG2, K::kNegativeBalance, K::kOnCallOverbooked},
       "equivalent to some serial order of the committed transactions"},
      {"strong-session-read-uncommitted",
       {"strong-session-PL-1"},
       {"read-uncommitted"},
       {K::kG0Process},
       "read uncommitted, and each process's writes in its order"},
      {"strong-session-read-committed",
       {"strong-session-PL-2"},
       {"read-committed", "strong-session-read-uncommitted"},
       {K::kG1cProcess},
       "read committed, and each process sees its own earlier commits"},
      {"strong-read-uncommitted",
       {"strong-PL-1"},
       {"strong-session-read-uncommitted"},
       {K::kG0Realtime},
       "read uncommitted, and writes in real-time order"},
      {"strong-read-committed",
       {"strong-PL-2"},
       {"strong-session-read-committed", "strong-read-uncommitted"},
       {K::kG1cRealtime},
       "read committed, and every commit visible to transactions that start after it"},
      {"strong-session-snapshot-isolation",
       {"strong-session-SI"},
       {"snapshot-isolation", "strong-session-read-committed"},
       {K::kInternal, K::kG1Process, K::kGNonadjacentProcess},
       "snapshot isolation whose snapshots include the process's own earlier commits"},
      {"strong-snapshot-isolation",
       {"strong-SI"},
       {"strong-session-snapshot-isolation", "strong-read-committed"},
       {K::kInternal, K::kG1Realtime, K::kGNonadjacentRealtime},
       "snapshot isolation whose snapshots include every earlier commit"},
      {"strong-session-serializable",
       {},
       {"serializable", "strong-session-snapshot-isolation"},
       {K::kG1Process, K::kG2Process},
       "serializable, consistent with each process's order"},
      {"strict-serializable",
       {"PL-SS", "strong-serializable", "strict"},
       {"serializable", "strong-session-serializable", "strong-snapshot-isolation"},
       {K::kG1, K::kG1cRealtime, K::kG2Realtime},
       "serializable in an order consistent with real time"},
  };
  return models;
}

}  // namespace

std::span<const ConsistencyModel> all_models() { return table(); }

const ConsistencyModel* find_model(std::string_view name) {
  for (const auto& m : table()) {
    if (m.name == name) return &m;
    if (std::find(m.aliases.begin(), m.aliases.end(), name) != m.aliases.end()) return &m;
  }
  return nullptr;
}

std::vector<std::string_view> implied_models(std::span<const std::string_view> models) {
  std::vector<std::string_view> out;
  std::vector<std::string_view> todo(models.begin(), models.end());
  while (!todo.empty()) {
    const ConsistencyModel* m = find_model(todo.back());
    todo.pop_back();
    if (m == nullptr || std::find(out.begin(), out.end(), m->name) != out.end()) continue;
    out.push_back(m->name);
    todo.insert(todo.end(), m->implies.begin(), m->implies.end());
  }
  return out;
}

AnomalySet forbidden_anomalies(std::span<const std::string_view> models) {
  AnomalySet direct;
  for (std::string_view name : implied_models(models))
    for (AnomalyKind k : find_model(name)->forbids) direct.set(static_cast<size_t>(k));
  return anomalies_implying(direct);
}

ModelBoundary models_violated_by(const AnomalySet& found) {
  std::vector<std::string_view> violated;
  for (const auto& m : table()) {
    std::string_view one[] = {m.name};
    if ((forbidden_anomalies(one) & found).any()) violated.push_back(m.name);
  }
  ModelBoundary b;
  for (std::string_view name : violated) {
    // Weakest: implies no other violated model.
    std::string_view one[] = {name};
    auto below = implied_models(one);
    bool weakest = std::none_of(violated.begin(), violated.end(), [&](std::string_view other) {
      return other != name && std::find(below.begin(), below.end(), other) != below.end();
    });
    (weakest ? b.violated : b.also_violated).push_back(name);
  }
  return b;
}

}  // namespace isocheck
