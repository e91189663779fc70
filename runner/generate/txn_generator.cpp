#include "runner/generate/txn_generator.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

namespace isocheck::runner {

namespace {

struct DistributionName {
  std::string_view name;
  KeyDistribution distribution;
};
constexpr std::array kDistributionNames{
    DistributionName{"uniform", KeyDistribution::kUniform},
    DistributionName{"hotspot", KeyDistribution::kHotspot},
    DistributionName{"zipf", KeyDistribution::kHotspot},
};

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("generator: " + what);
}

}  // namespace

std::optional<KeyDistribution> parse_key_distribution(std::string_view name) {
  for (const auto& d : kDistributionNames) {
    if (d.name == name) return d.distribution;
  }
  return std::nullopt;
}

const char* key_distribution_name(KeyDistribution d) {
  for (const auto& entry : kDistributionNames) {
    if (entry.distribution == d) return entry.name.data();
  }
  return "unknown";
}

TxnGenerator::TxnGenerator(const GeneratorOptions& options)
    : options_(options), random_(options.seed) {
  const GeneratorOptions& o = options_;
  require(o.workload == Workload::kListAppend || o.workload == Workload::kRwRegister ||
              o.workload == Workload::kBank || o.workload == Workload::kPredicate,
          "workload must be list-append, rw-register, bank or predicate");
  require(o.active_keys >= 1, "keys must be at least 1");
  require(o.max_writes_per_key >= 1, "max-writes-per-key must be at least 1");
  require(o.max_ops_per_txn >= 1, "max-ops must be at least 1");
  require(o.read_ratio >= 0.0 && o.read_ratio <= 1.0, "read-ratio must be within [0, 1]");
  require(o.value_stride >= 1 && o.value_offset >= 0 && o.value_offset < o.value_stride,
          "value offset must be within [0, stride)");
  if (o.workload == Workload::kBank) {
    require(o.bank_accounts >= 2, "bank needs at least 2 accounts");
    require(o.max_transfer >= 1, "bank max transfer must be at least 1");
  }

  size_t choices = o.workload == Workload::kBank ? static_cast<size_t>(o.bank_accounts)
                                                 : static_cast<size_t>(o.active_keys);
  zipf_cdf_.resize(choices);
  double total = 0;
  for (size_t i = 0; i < choices; ++i) zipf_cdf_[i] = (total += 1.0 / static_cast<double>(i + 1));
  for (double& c : zipf_cdf_) c /= total;

  if (o.workload == Workload::kPredicate) {
    predicate_ = std::make_unique<PredicateGenerator>(options_);
  } else if (o.workload != Workload::kBank) {
    slots_.reserve(static_cast<size_t>(o.active_keys));
    for (int i = 0; i < o.active_keys; ++i) slots_.push_back({next_key_++, 0});
    values_given_.assign(static_cast<size_t>(next_key_), 0);
  }
}

TxnGenerator::~TxnGenerator() = default;

size_t TxnGenerator::pick_slot(size_t n) {
  if (options_.distribution == KeyDistribution::kUniform) return random_.below(n);
  double u = random_.unit();
  auto it = std::upper_bound(zipf_cdf_.begin(), zipf_cdf_.begin() + static_cast<ptrdiff_t>(n), u);
  return std::min(static_cast<size_t>(it - zipf_cdf_.begin()), n - 1);
}

int64_t TxnGenerator::fresh_value(int64_t key) {
  int64_t n = values_given_[static_cast<size_t>(key)]++;
  return options_.value_offset + 1 + n * options_.value_stride;
}

void TxnGenerator::next(TxnPlan& plan) {
  plan.mops.clear();
  if (predicate_) {
    predicate_->next(random_, plan);
  } else if (options_.workload == Workload::kBank) {
    next_bank(plan);
  } else {
    next_keyed(plan);
  }
}

void TxnGenerator::next_keyed(TxnPlan& plan) {
  const bool lists = options_.workload == Workload::kListAppend;
  const MopKind read_kind = lists ? MopKind::kReadList : MopKind::kReadRegister;
  const MopKind write_kind = lists ? MopKind::kAppend : MopKind::kWrite;
  size_t n = 1 + random_.below(static_cast<uint64_t>(options_.max_ops_per_txn));
  for (size_t i = 0; i < n; ++i) {
    Slot& slot = slots_[pick_slot(slots_.size())];
    if (random_.unit() < options_.read_ratio) {
      plan.mops.push_back({read_kind, slot.key, 0});
      continue;
    }
    plan.mops.push_back({write_kind, slot.key, fresh_value(slot.key)});
    if (++slot.writes == options_.max_writes_per_key) {
      slot = {next_key_++, 0};
      values_given_.push_back(0);
    }
  }
}

int64_t TxnGenerator::pick_account() {
  return static_cast<int64_t>(pick_slot(static_cast<size_t>(options_.bank_accounts)));
}

void TxnGenerator::next_bank(TxnPlan& plan) {
  if (random_.unit() < options_.read_ratio) {
    for (int64_t a = 0; a < options_.bank_accounts; ++a) {
      plan.mops.push_back({MopKind::kReadRegister, a, 0});
    }
    return;
  }
  int64_t from = pick_account();
  int64_t to = pick_account();
  while (to == from)
    to = static_cast<int64_t>(random_.below(static_cast<uint64_t>(options_.bank_accounts)));
  int64_t amount =
      1 + static_cast<int64_t>(random_.below(static_cast<uint64_t>(options_.max_transfer)));
  plan.mops.push_back({MopKind::kAdjust, from, -amount});
  plan.mops.push_back({MopKind::kAdjust, to, amount});
}

void TxnGenerator::refresh_values(TxnPlan& plan) {
  if (predicate_) {
    predicate_->refresh_values(plan);
    return;
  }
  for (PlannedMop& m : plan.mops) {
    if (m.kind == MopKind::kAppend || m.kind == MopKind::kWrite) m.value = fresh_value(m.key);
  }
}

int64_t TxnGenerator::start_fresh_keys() {
  if (options_.workload != Workload::kListAppend && options_.workload != Workload::kRwRegister)
    throw std::logic_error("start_fresh_keys: only list-append and rw-register rotate keys");
  const int64_t first = next_key_;
  for (Slot& slot : slots_) {
    slot = {next_key_++, 0};
    values_given_.push_back(0);
  }
  return first;
}

int64_t TxnGenerator::key_count() const {
  return options_.workload == Workload::kBank ? options_.bank_accounts : next_key_;
}

}  // namespace isocheck::runner
