#include "checker/infer/bank_check.h"

#include <fmt/format.h>

#include "checker/infer/witness_text.h"

namespace isocheck {

std::vector<Anomaly> check_bank(const History& history) {
  std::vector<Anomaly> out;
  std::vector<std::string> balances;
  for (uint32_t t = 0; t < history.txns.size(); ++t) {
    const Txn& txn = history.txns[t];
    if (txn.status != TxnStatus::kOk) continue;
    int64_t sum = 0;
    size_t reads = 0;
    balances.clear();
    for (const Mop& m : history.mops_of(txn)) {
      if (m.kind != MopKind::kReadRegister || !m.has_result) continue;
      // A nil balance is an account that does not exist: it holds nothing.
      const int64_t balance = m.is_nil ? 0 : m.value;
      ++reads;
      sum += balance;
      balances.push_back(fmt::format("{}={}", m.key, m.is_nil ? "nil" : std::to_string(balance)));
      if (balance < 0)
        out.push_back(key_anomaly(
            AnomalyKind::kNegativeBalance, {t}, m.key,
            fmt::format("{} read account {} with balance {}", txn_name(t), m.key, balance)));
    }
    if (reads > 0 && sum != history.header.bank_total)
      out.push_back(key_anomaly(
          AnomalyKind::kWrongTotal, {t}, std::nullopt,
          fmt::format("{} read balances {{{}}} summing to {}, not the total {}", txn_name(t),
                      fmt::join(balances, ", "), sum, history.header.bank_total)));
  }
  return out;
}

}  // namespace isocheck
