#include "checker/infer/witness_text.h"

#include <fmt/format.h>

namespace isocheck {

std::string txn_name(uint32_t txn) { return fmt::format("T{}", txn); }

std::string format_list(std::span<const int64_t> list) {
  constexpr size_t kShortList = 12;
  constexpr size_t kEnds = 5;
  if (list.size() <= kShortList) return fmt::format("[{}]", fmt::join(list, " "));
  return fmt::format("[{} … {}] ({} elements)", fmt::join(list.first(kEnds), " "),
                     fmt::join(list.last(kEnds), " "), list.size());
}

Anomaly key_anomaly(AnomalyKind kind, std::vector<uint32_t> txns, std::optional<int64_t> key,
                    std::string summary) {
  Anomaly a{.kind = kind,
            .txns = std::move(txns),
            .cycle = {},
            .steps = {},
            .summary = std::move(summary),
            .key = key,
            .txn_text = {}};
  return a;
}

}  // namespace isocheck
