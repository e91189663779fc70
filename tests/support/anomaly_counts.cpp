#include "tests/support/anomaly_counts.h"

namespace isocheck::testing {

size_t count_of(const CheckResult& result, AnomalyKind kind) {
  auto it = result.counts.find(kind);
  return it == result.counts.end() ? 0 : it->second;
}

CheckResult check_against(const History& h, const std::string& model) {
  CheckOptions o;
  o.models = {model};
  return check_history(h, o);
}

std::string describe_counts(const CheckResult& result) {
  std::string out;
  for (const auto& [kind, n] : result.counts) {
    if (!out.empty()) out += ", ";
    out += std::string(anomaly_name(kind)) + ": " + std::to_string(n);
  }
  return out.empty() ? "no anomalies" : out;
}

std::string beyond_known_serializable_g2(const CheckResult& result) {
  bool other = result.valid == Validity::kUnknown;
  for (const auto& [kind, n] : result.counts) other = other || kind != AnomalyKind::kG2Item;
  return other ? describe_counts(result) : "";
}

}  // namespace isocheck::testing
