// Shared expectations for the inference tests: the anomaly kinds an
// Inference reported (by Elle name, sorted) and its edges as a sorted,
// duplicate-free list of "T0 ww T1" strings, so a failure prints readably.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "checker/anomaly/anomaly_kind.h"
#include "checker/infer/inference.h"
#include "checker/infer/witness_text.h"

namespace isocheck::testing {

inline std::vector<std::string> anomaly_names(const Inference& inf) {
  std::vector<std::string> out;
  for (const Anomaly& a : inf.anomalies) out.emplace_back(anomaly_name(a.kind));
  std::sort(out.begin(), out.end());
  return out;
}

inline std::vector<std::string> anomaly_names(const std::vector<Anomaly>& anomalies) {
  std::vector<std::string> out;
  for (const Anomaly& a : anomalies) out.emplace_back(anomaly_name(a.kind));
  std::sort(out.begin(), out.end());
  return out;
}

inline std::string edge_text(uint32_t from, uint32_t to, EdgeKind kind) {
  return txn_name(from) + " " + edge_kind_name(kind) + " " + txn_name(to);
}

inline std::vector<std::string> edge_texts(const Inference& inf) {
  std::vector<std::string> out;
  for (const Edge& e : inf.edges) out.push_back(edge_text(e.from, e.to, e.kind));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

inline const Anomaly* find_anomaly(const Inference& inf, AnomalyKind kind) {
  for (const Anomaly& a : inf.anomalies)
    if (a.kind == kind) return &a;
  return nullptr;
}

}  // namespace isocheck::testing
