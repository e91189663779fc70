#include "checker/claims/cell_from_check.h"

#include <fmt/format.h>

#include "checker/check/effective_isolation.h"
#include "checker/claims/completion_timeline.h"
#include "checker/report/graphviz.h"
#include "checker/report/verdict_report.h"

namespace isocheck {

CellOutcome cell_outcome_from_check(const CellIdentity& id, const History& h,
                                    const CheckResult& r) {
  CellOutcome c;
  c.level = id.level;
  c.workload = id.workload;
  c.duration_seconds = id.seconds;
  c.history_path = id.history_path;
  c.explain_dir = id.explain_dir;
  for (const Txn& t : h.txns) {
    if (t.final_read) continue;
    switch (t.status) {
      case TxnStatus::kOk:
        ++c.ok;
        break;
      case TxnStatus::kFail:
        ++c.failed;
        break;
      case TxnStatus::kInfo:
        ++c.indeterminate;
        break;
    }
  }
  c.transactions = c.ok + c.failed + c.indeterminate;
  c.throughput = id.seconds > 0 ? static_cast<double>(c.ok) / id.seconds : 0;
  for (const auto& [kind, count] : r.counts) {
    if (count == 0 || !anomaly_info(kind).found_directly) continue;
    ObservedAnomaly a;
    a.kind = kind;
    a.count = count;
    if (auto it = r.witnesses.find(kind); it != r.witnesses.end() && !it->second.empty()) {
      const Anomaly& first = it->second.front();
      a.witness = witness_lines(h, first);
      a.dot = witness_dot(h, first);
      // explain_writer.h names the n-th witness of a kind "<kind>-<n>.txt".
      if (!id.explain_dir.empty())
        a.explain_link = fmt::format("{}/{}-1.txt", id.explain_dir, anomaly_name(kind));
    }
    c.anomalies.push_back(std::move(a));
  }
  c.search_incomplete = !r.unknown_reasons.empty();
  c.unknown_reasons = r.unknown_reasons;
  c.timeline = completion_timeline(h);
  if (auto problem = effective_isolation_problem(h)) c.isolation_problem = *problem;
  return c;
}

}  // namespace isocheck
