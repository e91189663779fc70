#include "checker/anomaly/anomaly_kind.h"

#include <array>
#include <utility>

namespace isocheck {
namespace {

using K = AnomalyKind;

constexpr std::array<AnomalyKindInfo, kAnomalyKindCount> kKinds{{
    {K::kG0, "G0", true, "write cycle: ww edges only"},
    {K::kG0Process, "G0-process", true, "write cycle closed by process order"},
    {K::kG0Realtime, "G0-realtime", true, "write cycle closed by real-time order"},
    {K::kG1c, "G1c", true, "circular information flow: ww and wr edges, at least one wr"},
    {K::kG1cProcess, "G1c-process", true, "G1c closed by process order"},
    {K::kG1cRealtime, "G1c-realtime", true, "G1c closed by real-time order"},
    {K::kGSingleItem, "G-single-item", true, "read skew: a cycle with exactly one rw edge"},
    {K::kGSingleItemProcess, "G-single-item-process", true, "G-single closed by process order"},
    {K::kGSingleItemRealtime, "G-single-item-realtime", true, "G-single closed by real-time order"},
    {K::kGNonadjacentItem, "G-nonadjacent-item", true,
     "a cycle with several rw edges, no two adjacent"},
    {K::kGNonadjacentItemProcess, "G-nonadjacent-item-process", true,
     "G-nonadjacent closed by process order"},
    {K::kGNonadjacentItemRealtime, "G-nonadjacent-item-realtime", true,
     "G-nonadjacent closed by real-time order"},
    {K::kG2Item, "G2-item", true, "write skew: a cycle with two or more rw edges, some adjacent"},
    {K::kG2ItemProcess, "G2-item-process", true, "G2-item closed by process order"},
    {K::kG2ItemRealtime, "G2-item-realtime", true, "G2-item closed by real-time order"},
    {K::kG1a, "G1a", true,
     "aborted read: a committed transaction read a failed transaction's write"},
    {K::kG1b, "G1b", true,
     "intermediate read: a committed transaction read a value its writer overwrote"},
    {K::kInternal, "internal", true,
     "a read disagrees with the transaction's own earlier reads or writes"},
    {K::kDirtyUpdate, "dirty-update", true,
     "a committed version was built on a failed transaction's write"},
    {K::kDuplicateElements, "duplicate-elements", true,
     "a read list holds a value appended once more than once"},
    {K::kIncompatibleOrder, "incompatible-order", true,
     "two reads of a list are not prefixes of one order"},
    {K::kLostUpdate, "lost-update", true,
     "two committed transactions read one version and both wrote over it"},
    {K::kCyclicVersions, "cyclic-versions", true, "the inferred version order of a key is cyclic"},
    {K::kGarbageRead, "garbage-read", true, "a read returned a value nobody wrote"},
    {K::kLostWrite, "lost-write", true, "an acknowledged write is missing from the final read"},
    {K::kWrongTotal, "wrong-total", true,
     "bank: a read of all balances does not sum to the fixed total"},
    {K::kNegativeBalance, "negative-balance", true, "bank: a read saw a negative balance"},
    {K::kPhantom, "phantom", true,
     "a predicate read re-run in one transaction returned a different set of rows"},
    {K::kOnCallOverbooked, "on-call-overbooked", true,
     "predicate: a read of an on-call group saw more rows than its check-then-insert rule "
     "admits"},
    {K::kG1, "G1", false, "G1a, G1b or G1c"},
    {K::kG1Process, "G1-process", false, "G1, or G1c closed by process order"},
    {K::kG1Realtime, "G1-realtime", false, "G1, or G1c closed by real-time order"},
    {K::kGSingle, "G-single", true,
     "a cycle with exactly one anti-dependency (found: through a predicate)"},
    {K::kGSingleProcess, "G-single-process", true, "G-single closed by process order"},
    {K::kGSingleRealtime, "G-single-realtime", true, "G-single closed by real-time order"},
    {K::kGNonadjacent, "G-nonadjacent", true,
     "a cycle with non-adjacent anti-dependencies (found: some through a predicate)"},
    {K::kGNonadjacentProcess, "G-nonadjacent-process", true,
     "G-nonadjacent closed by process order"},
    {K::kGNonadjacentRealtime, "G-nonadjacent-realtime", true,
     "G-nonadjacent closed by real-time order"},
    {K::kG2, "G2", true,
     "a cycle with anti-dependencies, some adjacent (found: some through a predicate: predicate "
     "write skew)"},
    {K::kG2Process, "G2-process", true, "G2 closed by process order"},
    {K::kG2Realtime, "G2-realtime", true, "G2 closed by real-time order"},
}};

// a -> b: a history showing a also shows b. After Elle's anomaly hierarchy
// (Adya's definitions, plus: a process is single-threaded, so a process
// cycle is also a real-time cycle).
constexpr std::pair<K, K> kImplies[] = {
    {K::kG0, K::kG1c},
    {K::kG0, K::kG0Process},
    {K::kG0Process, K::kG1cProcess},
    {K::kG0Process, K::kG0Realtime},
    {K::kG0Realtime, K::kG1cRealtime},
    {K::kG1a, K::kG1},
    {K::kG1b, K::kG1},
    {K::kG1c, K::kG1},
    {K::kG1c, K::kG1cProcess},
    {K::kG1cProcess, K::kG1cRealtime},
    {K::kG1cProcess, K::kG1Process},
    {K::kG1cRealtime, K::kG1Realtime},
    {K::kG1, K::kG1Process},
    {K::kG1Process, K::kG1Realtime},
    {K::kGSingleItem, K::kGSingle},
    {K::kGSingleItem, K::kGSingleItemProcess},
    {K::kGSingleItem, K::kGNonadjacentItem},
    {K::kGSingleItemProcess, K::kGSingleProcess},
    {K::kGSingleItemProcess, K::kGSingleItemRealtime},
    {K::kGSingleItemProcess, K::kGNonadjacentItemProcess},
    {K::kGSingleItemRealtime, K::kGSingleRealtime},
    {K::kGSingleItemRealtime, K::kGNonadjacentItemRealtime},
    {K::kGSingle, K::kGNonadjacent},
    {K::kGSingle, K::kGSingleProcess},
    {K::kGSingleProcess, K::kGNonadjacentProcess},
    {K::kGSingleProcess, K::kGSingleRealtime},
    {K::kGSingleRealtime, K::kGNonadjacentRealtime},
    {K::kGNonadjacentItem, K::kGNonadjacent},
    {K::kGNonadjacentItem, K::kG2Item},
    {K::kGNonadjacentItem, K::kGNonadjacentItemProcess},
    {K::kGNonadjacentItemProcess, K::kGNonadjacentProcess},
    {K::kGNonadjacentItemProcess, K::kG2ItemProcess},
    {K::kGNonadjacentItemProcess, K::kGNonadjacentItemRealtime},
    {K::kGNonadjacentItemRealtime, K::kG2ItemRealtime},
    {K::kGNonadjacentItemRealtime, K::kGNonadjacentRealtime},
    {K::kGNonadjacent, K::kG2},
    {K::kGNonadjacent, K::kGNonadjacentProcess},
    {K::kGNonadjacentProcess, K::kG2Process},
    {K::kGNonadjacentProcess, K::kGNonadjacentRealtime},
    {K::kGNonadjacentRealtime, K::kG2Realtime},
    {K::kG2Item, K::kG2},
    {K::kG2Item, K::kG2ItemProcess},
    {K::kG2ItemProcess, K::kG2Process},
    {K::kG2ItemProcess, K::kG2ItemRealtime},
    {K::kG2ItemRealtime, K::kG2Realtime},
    {K::kG2, K::kG2Process},
    {K::kG2Process, K::kG2Realtime},
    // A list no single order explains means some read saw a write that was
    // never committed in that order: a dirty read.
    {K::kIncompatibleOrder, K::kG1a},
    // Building on an aborted write is the write-side twin of an aborted read.
    {K::kDirtyUpdate, K::kG1a},
    // Lost update is write skew on one key (Bailis), hence G2-item.
    {K::kLostUpdate, K::kG2Item},
    // A re-run predicate read that sees a different set is a cycle with one
    // predicate anti-dependency: the first read -rw-> the writer that
    // changed the matches -wr-> the second read (Adya's phantom).
    {K::kPhantom, K::kGSingle},
};

AnomalySet closure(const AnomalySet& start, bool forward) {
  AnomalySet out = start;
  bool grew = true;
  while (grew) {
    grew = false;
    for (auto [a, b] : kImplies) {
      auto from = static_cast<size_t>(forward ? a : b);
      auto to = static_cast<size_t>(forward ? b : a);
      if (out.test(from) && !out.test(to)) {
        out.set(to);
        grew = true;
      }
    }
  }
  return out;
}

}  // namespace

const AnomalyKindInfo& anomaly_info(AnomalyKind k) { return kKinds[static_cast<size_t>(k)]; }
std::string_view anomaly_name(AnomalyKind k) { return anomaly_info(k).name; }
std::span<const AnomalyKindInfo> all_anomaly_kinds() { return kKinds; }

std::optional<AnomalyKind> parse_anomaly(std::string_view name) {
  for (const auto& info : kKinds)
    if (info.name == name) return info.kind;
  return std::nullopt;
}

AnomalySet implied_anomalies(const AnomalySet& s) { return closure(s, true); }
AnomalySet anomalies_implying(const AnomalySet& s) { return closure(s, false); }

}  // namespace isocheck
