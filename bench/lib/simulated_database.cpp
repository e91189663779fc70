#include "bench/lib/simulated_database.h"

#include <stdexcept>

namespace isocheck::bench {

SimulatedDatabase::SimulatedDatabase(Workload workload, uint32_t active_keys,
                                     uint32_t max_writes_per_key)
    : workload_(workload), max_writes_per_key_(max_writes_per_key) {
  if (workload != Workload::kListAppend && workload != Workload::kRwRegister)
    throw std::invalid_argument("simulated database: workload must be list-append or rw-register");
  if (active_keys == 0) throw std::invalid_argument("simulated database: active keys must be > 0");
  if (max_writes_per_key == 0)
    throw std::invalid_argument("simulated database: max writes per key must be > 0");
  active_.resize(active_keys);
  for (size_t slot = 0; slot < active_keys; ++slot) activate_fresh_key(slot);
}

void SimulatedDatabase::activate_fresh_key(size_t slot) {
  active_[slot] = next_key_++;
  keys_.emplace(active_[slot], KeyState{});
}

SimulatedDatabase::KeyState& SimulatedDatabase::open_key(int64_t key) {
  KeyState& s = keys_.at(key);
  ++s.pending_mops;
  return s;
}

PlannedMop SimulatedDatabase::plan_read_at(size_t slot) {
  int64_t key = active_[slot];
  open_key(key);
  return {workload_ == Workload::kListAppend ? MopKind::kReadList : MopKind::kReadRegister, key, 0};
}

PlannedMop SimulatedDatabase::plan_write(RandomStream& rng) {
  size_t slot = rng.below(active_.size());
  int64_t key = active_[slot];
  KeyState& s = open_key(key);
  int64_t value = ++s.planned_writes;
  if (s.planned_writes == max_writes_per_key_) {
    s.retired = true;
    activate_fresh_key(slot);
  }
  return {workload_ == Workload::kListAppend ? MopKind::kAppend : MopKind::kWrite, key, value};
}

void SimulatedDatabase::release(int64_t key) {
  auto it = keys_.find(key);
  if (--it->second.pending_mops == 0 && it->second.retired) keys_.erase(it);
}

void SimulatedDatabase::apply(std::span<const PlannedMop> mops, ReadResults& out) {
  out.per_mop.assign(mops.size(), {});
  out.values.clear();
  for (size_t i = 0; i < mops.size(); ++i) {
    const PlannedMop& m = mops[i];
    KeyState& s = keys_.at(m.key);
    ReadResults::Result& r = out.per_mop[i];
    switch (m.kind) {
      case MopKind::kAppend:
        s.list.push_back(m.value);
        break;
      case MopKind::kWrite:
        s.value = m.value;
        s.has_value = true;
        break;
      case MopKind::kReadList:
        r.begin = static_cast<uint32_t>(out.values.size());
        r.size = static_cast<uint32_t>(s.list.size());
        r.is_nil = false;
        out.values.insert(out.values.end(), s.list.begin(), s.list.end());
        break;
      case MopKind::kReadRegister:
        r.value = s.value;
        r.is_nil = !s.has_value;
        break;
      case MopKind::kAdjust:
        throw std::logic_error("simulated database: bank adjustments are not simulated");
      case MopKind::kPredicateRead:
      case MopKind::kInsert:
      case MopKind::kDelete:
      case MopKind::kUpdate:
      case MopKind::kReadRow:
        throw std::logic_error("simulated database: the predicate workload is not simulated");
    }
  }
  for (const PlannedMop& m : mops) release(m.key);
}

void SimulatedDatabase::discard(std::span<const PlannedMop> mops) {
  for (const PlannedMop& m : mops) release(m.key);
}

}  // namespace isocheck::bench
