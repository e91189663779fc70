#include "runner/generate/predicate_generator.h"

#include <algorithm>
#include <optional>

#include "runner/generate/txn_generator.h"

namespace isocheck::runner {

PredicateGenerator::PredicateGenerator(const GeneratorOptions& options)
    : active_keys_(options.active_keys),
      max_ops_per_txn_(options.max_ops_per_txn),
      value_offset_(options.value_offset),
      value_stride_(options.value_stride),
      recent_capacity_(static_cast<size_t>(options.active_keys) * 4) {
  recent_.reserve(recent_capacity_);
  retired_.reserve(recent_capacity_ * 4);
}

namespace {

// Adds `key` to a ring of `capacity`; returns the key it pushed out, if any.
std::optional<int64_t> push_ring(std::vector<int64_t>& ring, size_t capacity, size_t& next,
                                 int64_t key) {
  if (ring.size() < capacity) {
    ring.push_back(key);
    return std::nullopt;
  }
  const int64_t out = ring[next];
  ring[next] = key;
  next = (next + 1) % capacity;
  return out;
}

}  // namespace

int64_t PredicateGenerator::fresh_key() {
  const int64_t key = value_offset_ + keys_given_++ * value_stride_;
  if (auto out = push_ring(recent_, recent_capacity_, recent_next_, key))
    push_ring(retired_, recent_capacity_ * 4, retired_next_, *out);
  return key;
}

int64_t PredicateGenerator::fresh_value() {
  return value_offset_ + 1 + values_given_++ * value_stride_;
}

int64_t PredicateGenerator::recent_key(RandomStream& random) const {
  if (recent_.empty()) return value_offset_;
  return recent_[random.below(recent_.size())];
}

int64_t PredicateGenerator::ordinary_group(RandomStream& random) const {
  const int64_t epoch = keys_given_ / kKeysPerEpoch;
  return epoch * kGroups + static_cast<int64_t>(random.below(kGroups));
}

int64_t PredicateGenerator::on_call_group(RandomStream& random) const {
  const int64_t epoch = keys_given_ / kKeysPerEpoch;
  return -1 - epoch * kOnCallGroups - static_cast<int64_t>(random.below(kOnCallGroups));
}

Aggregate PredicateGenerator::aggregate(RandomStream& random) {
  const uint64_t pick = random.below(4);
  return pick < 2 ? Aggregate::kRows : pick == 2 ? Aggregate::kCount : Aggregate::kSumKeys;
}

PlannedMop PredicateGenerator::predicate_read(RandomStream& random) {
  PlannedMop m;
  m.kind = MopKind::kPredicateRead;
  m.aggregate = aggregate(random);
  if (random.below(2) == 0) {
    m.predicate.kind = PredicateKind::kGroup;
    m.predicate.group = ordinary_group(random);
    return m;
  }
  // A few keys around a recent one; the newest keys' ranges reach past
  // them, where the next inserts go.
  const int64_t span = active_keys_ * value_stride_;
  const int64_t centre = recent_key(random);
  m.predicate.kind = PredicateKind::kKeyRange;
  m.predicate.key_low = centre - span / 2;
  m.predicate.key_high = centre + span;
  return m;
}

PlannedMop PredicateGenerator::random_mop(RandomStream& random) {
  const uint64_t pick = random.below(100);
  PlannedMop m;
  if (pick < 30) return predicate_read(random);
  if (pick < 40) {
    m.kind = MopKind::kReadRow;
    m.key = recent_key(random);
  } else if (pick < 55) {
    m.kind = MopKind::kInsert;
    m.key = fresh_key();
    m.value = fresh_value();
    m.group = ordinary_group(random);
  } else if (pick < 70) {
    m.kind = MopKind::kUpdate;
    m.key = recent_key(random);
    m.value = fresh_value();
    m.group = ordinary_group(random);
  } else {
    m.kind = MopKind::kDelete;
    m.key = retired_.empty() || random.below(2) == 0 ? recent_key(random)
                                                     : retired_[random.below(retired_.size())];
  }
  return m;
}

void PredicateGenerator::next(RandomStream& random, TxnPlan& plan) {
  const uint64_t shape = random.below(100);
  if (shape < 20) {
    PlannedMop read;
    read.kind = MopKind::kPredicateRead;
    read.predicate.kind = PredicateKind::kGroup;
    read.predicate.group = on_call_group(random);
    read.predicate.max_rows = kOnCallMaxRows;
    read.aggregate = random.below(2) == 0 ? Aggregate::kRows : Aggregate::kCount;
    PlannedMop insert;
    insert.kind = MopKind::kInsert;
    insert.key = fresh_key();
    insert.value = fresh_value();
    insert.group = read.predicate.group;
    plan.mops.push_back(read);
    plan.mops.push_back(insert);
    return;
  }
  if (shape < 40) {
    PlannedMop read = predicate_read(random);
    plan.mops.push_back(read);
    plan.mops.push_back(random_mop(random));
    read.aggregate = aggregate(random);
    plan.mops.push_back(read);
    return;
  }
  const size_t n = 1 + random.below(static_cast<uint64_t>(max_ops_per_txn_));
  for (size_t i = 0; i < n; ++i) plan.mops.push_back(random_mop(random));
}

void PredicateGenerator::refresh_values(TxnPlan& plan) {
  for (PlannedMop& m : plan.mops)
    if (m.kind == MopKind::kInsert || m.kind == MopKind::kUpdate) m.value = fresh_value();
}

}  // namespace isocheck::runner
