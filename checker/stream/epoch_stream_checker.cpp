#include "checker/stream/epoch_stream_checker.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string_view>
#include <unordered_set>

#include "checker/model/consistency_model.h"
#include "checker/report/txn_format.h"

namespace isocheck {
namespace {

// Rewrites every transaction name "T<n>" in `text` to "T<n + offset>". The
// checker writes names only as T followed by the id (txn_name, format_txn),
// never after a letter or digit, and no other word of its texts has that
// shape.
std::string renumbered(std::string_view text, uint32_t offset) {
  if (offset == 0) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < text.size()) {
    bool starts_name = text[i] == 'T' && i + 1 < text.size() &&
                       std::isdigit(static_cast<unsigned char>(text[i + 1])) &&
                       (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1])));
    if (!starts_name) {
      out += text[i++];
      continue;
    }
    size_t end = i + 1;
    uint64_t id = 0;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])))
      id = id * 10 + static_cast<uint64_t>(text[end++] - '0');
    out += fmt::format("T{}", id + offset);
    i = end;
  }
  return out;
}

}  // namespace

EpochStreamChecker::EpochStreamChecker(CheckOptions options) : options_(std::move(options)) {
  if (options_.models.empty()) throw std::invalid_argument("no consistency model to check");
  std::vector<std::string_view> models;
  for (const std::string& name : options_.models) {
    const ConsistencyModel* m = find_model(name);
    if (m == nullptr)
      throw std::invalid_argument(fmt::format("unknown consistency model '{}'", name));
    models.push_back(m->name);
    result_.models.emplace_back(m->name);
  }
  forbidden_ = forbidden_anomalies(models);
  result_.workload = options_.workload;
}

void EpochStreamChecker::add(Anomaly&& a) {
  found_.set(static_cast<size_t>(a.kind));
  ++result_.counts[a.kind];
  auto& list = result_.witnesses[a.kind];
  if (list.size() < options_.max_witnesses_per_kind) list.push_back(std::move(a));
}

void EpochStreamChecker::fold(CheckResult&& r, const History& h, uint64_t epoch_number,
                              uint32_t first_txn) {
  if (result_.workload == Workload::kUnknown) result_.workload = r.workload;
  for (auto& [kind, count] : r.counts) {
    found_.set(static_cast<size_t>(kind));
    result_.counts[kind] += count;
    auto& kept = result_.witnesses[kind];
    auto it = r.witnesses.find(kind);
    if (it == r.witnesses.end()) continue;
    for (Anomaly& a : it->second) {
      if (kept.size() >= options_.max_witnesses_per_kind) break;
      a.summary = fmt::format("epoch {}: {}", epoch_number, renumbered(a.summary, first_txn));
      for (std::string& step : a.steps) step = renumbered(step, first_txn);
      for (CycleStep& step : a.cycle) step.from += first_txn, step.to += first_txn;
      for (uint32_t id : a.txns) a.txn_text.push_back(renumbered(format_txn(h, id), first_txn));
      a.txns.clear();
      kept.push_back(std::move(a));
    }
  }
  for (std::string& reason : r.unknown_reasons)
    result_.unknown_reasons.push_back(fmt::format("epoch {}: {}", epoch_number, reason));
  for (std::string& w : r.warnings)
    result_.warnings.push_back(fmt::format("epoch {}: {}", epoch_number, w));
  CheckStats& s = result_.stats;
  s.transactions += r.stats.transactions;
  s.ok += r.stats.ok;
  s.failed += r.stats.failed;
  s.indeterminate += r.stats.indeterminate;
  s.edges += r.stats.edges;
  s.components += r.stats.components;
  s.largest_component = std::max(s.largest_component, r.stats.largest_component);
  s.infer_seconds += r.stats.infer_seconds;
  s.graph_seconds += r.stats.graph_seconds;
  s.cycle_seconds += r.stats.cycle_seconds;
  s.order_seconds += r.stats.order_seconds;
}

EpochVerdict EpochStreamChecker::check_epoch(const EpochSegment& segment) {
  CheckOptions o = options_;
  if (o.workload == Workload::kUnknown) o.workload = segment.history.header.workload;
  CheckResult r = check_history(segment.history, o);
  EpochVerdict v;
  v.epoch = segment.open.number;
  v.transactions = segment.history.txns.size();
  v.valid = r.valid;
  for (const auto& [kind, count] : r.counts) v.anomalies += count;
  const Workload workload = r.workload;
  fold(std::move(r), segment.history, segment.open.number, segment.first_txn);
  if (workload == Workload::kListAppend)
    summaries_.emplace_back(segment.history, segment.open.number, segment.closed.key_low,
                            segment.closed.key_end);
  ++epochs_;
  return v;
}

void EpochStreamChecker::check_after_run(const EpochSegment& after) {
  const History& h = after.history;
  CheckStats& s = result_.stats;
  s.transactions += h.txns.size();
  for (uint32_t id = 0; id < h.txns.size(); ++id) {
    const Txn& t = h.txns[id];
    s.ok += t.status == TxnStatus::kOk;
    s.failed += t.status == TxnStatus::kFail;
    s.indeterminate += t.status == TxnStatus::kInfo;
    if (t.status != TxnStatus::kOk) continue;
    for (const Mop& m : h.mops_of(t)) {
      if (m.kind != MopKind::kReadList || !m.has_result) continue;
      auto it =
          std::upper_bound(summaries_.begin(), summaries_.end(), m.key,
                           [](int64_t key, const AckedAppends& a) { return key < a.key_low(); });
      if (it == summaries_.begin() || !std::prev(it)->owns(m.key)) continue;
      const AckedAppends& epoch = *std::prev(it);
      std::span<const int64_t> got = h.list_of(m);
      std::unordered_set<int64_t> present(got.begin(), got.end());
      for (int64_t v : epoch.values_of(m.key)) {
        if (present.contains(v)) continue;
        Anomaly a;
        a.kind = AnomalyKind::kLostWrite;
        a.key = m.key;
        a.summary = fmt::format(
            "epoch {}: an append of {} to key {} committed and the epoch's closing read showed "
            "it, but the final read after the run, key {} = [{}], lacks it",
            epoch.epoch(), v, m.key, m.key, fmt::join(got, " "));
        a.txn_text.push_back(renumbered(format_txn(h, id), after.first_txn));
        add(std::move(a));
      }
    }
  }
}

size_t EpochStreamChecker::anomalies_found() const {
  size_t n = 0;
  for (const auto& [kind, count] : result_.counts) n += count;
  return n;
}

const CheckResult& EpochStreamChecker::result() {
  ModelBoundary boundary = models_violated_by(found_);
  result_.violated.assign(boundary.violated.begin(), boundary.violated.end());
  result_.also_violated.assign(boundary.also_violated.begin(), boundary.also_violated.end());
  if ((found_ & forbidden_).any())
    result_.valid = Validity::kInvalid;
  else if (!result_.unknown_reasons.empty())
    result_.valid = Validity::kUnknown;
  else
    result_.valid = Validity::kValid;
  return result_;
}

size_t EpochStreamChecker::summary_bytes() const {
  size_t n = 0;
  for (const AckedAppends& a : summaries_) n += a.bytes();
  return n;
}

}  // namespace isocheck
