#include "checker/claims/verify_report.h"

#include <algorithm>

namespace isocheck {

bool VerifyReport::violated() const {
  return std::any_of(targets.begin(), targets.end(),
                     [](const VerifyResult& t) { return t.claims.violated(); });
}

bool VerifyReport::unknown() const {
  return std::any_of(targets.begin(), targets.end(),
                     [](const VerifyResult& t) { return t.claims.unknown(); });
}

bool VerifyReport::failed() const {
  return std::any_of(targets.begin(), targets.end(),
                     [](const VerifyResult& t) { return !t.error.empty(); });
}

std::vector<ClaimDifference> claim_differences(const VerifyReport& report) {
  std::vector<ClaimDifference> out;
  if (report.targets.size() < 2) return out;
  auto seen = [&](const ClaimRow& row) {
    return std::any_of(out.begin(), out.end(), [&](const ClaimDifference& d) {
      return d.level == row.level && d.faults == row.faults && d.phenomenon == row.phenomenon;
    });
  };
  for (const VerifyResult& t : report.targets) {
    for (const ClaimRow& row : t.claims.claims) {
      if (seen(row)) continue;
      ClaimDifference d{row.level, row.faults, row.phenomenon, {}};
      for (const VerifyResult& other : report.targets) {
        const ClaimRow* r = other.claims.find(row.level, row.phenomenon, row.faults);
        d.verdicts.push_back(r ? std::optional<ClaimVerdict>(r->verdict) : std::nullopt);
      }
      // Only targets that judged the claim are compared: one that could not
      // run differs in nothing, it is reported as not run.
      std::optional<ClaimVerdict> first;
      bool differ = false;
      for (const auto& v : d.verdicts) {
        if (!v) continue;
        if (first && *first != *v) differ = true;
        if (!first) first = v;
      }
      if (differ) out.push_back(std::move(d));
    }
  }
  return out;
}

const std::vector<std::string>& settings_that_matter() {
  static const std::vector<std::string> names = {
      "default_transaction_isolation",
      "default_transaction_read_only",
      "synchronous_commit",
      "fsync",
      "max_connections",
      "deadlock_timeout",
      "max_pred_locks_per_transaction",
  };
  return names;
}

}  // namespace isocheck
