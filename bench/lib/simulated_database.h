// SimulatedDatabase: the data of a strictly serializable key-value store
// with Elle-style key rotation, for generating valid histories.
//
// Clients plan a transaction when they invoke it (which keys, which values)
// and the database applies it atomically at one later instant; reads see
// exactly the transactions applied before, and the transaction's own
// earlier writes. Applying in the order of those instants is a serial
// execution, so any history whose every transaction applied between its
// invocation and completion is strict-serializable.
//
// Key rotation: `active_keys` keys are in use at a time. Each write planned
// on a key takes one of its `max_writes_per_key` slots; the write that takes
// the last slot retires the key and a fresh one (never used before) takes
// its place. Written values count 1, 2, 3 ... per key, so they are unique
// per key. A retired key's data is dropped once no planned transaction
// still refers to it, so memory stays bounded by the active and in-flight
// keys however long the run.
//
// Contract: every planned micro-op is released exactly once, by apply() or
// discard(), before the database is destroyed; keys passed to apply() were
// returned by pick_read_key, reserve_write or fresh_key.
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "checker/common/random_stream.h"
#include "checker/history/history.h"

namespace isocheck::bench {

// A micro-op as planned at invocation: writes carry their value.
struct PlannedMop {
  MopKind kind = MopKind::kReadList;
  int64_t key = 0;
  int64_t value = 0;
};

// The results of one applied transaction's reads, one entry per micro-op;
// list reads point into `values`. Reused across transactions.
struct ReadResults {
  struct Result {
    uint32_t begin = 0;
    uint32_t size = 0;
    int64_t value = 0;
    bool is_nil = true;
  };
  std::vector<Result> per_mop;
  std::vector<int64_t> values;

  std::span<const int64_t> list(size_t mop) const {
    return {values.data() + per_mop[mop].begin, per_mop[mop].size};
  }
};

class SimulatedDatabase {
 public:
  // workload: kListAppend or kRwRegister. Throws std::invalid_argument for
  // another workload or zero keys / writes per key.
  SimulatedDatabase(Workload workload, uint32_t active_keys, uint32_t max_writes_per_key);

  Workload workload() const { return workload_; }

  // A read of a uniformly chosen active key.
  PlannedMop plan_read(RandomStream& rng) { return plan_read_at(rng.below(active_.size())); }
  // A read of the key in active slot `slot` (< active_keys().size()).
  PlannedMop plan_read_at(size_t slot);
  // A write (append or register write) of the next value to a uniformly
  // chosen active key; rotates the key out when this takes its last slot.
  PlannedMop plan_write(RandomStream& rng);
  // A key never used before and never handed out by rotation; the caller
  // owns its values. Not tracked: apply() must not be given it.
  int64_t fresh_key() { return next_key_++; }

  // Applies `mops` atomically, filling `out` with their read results, and
  // releases them.
  void apply(std::span<const PlannedMop> mops, ReadResults& out);
  // Releases `mops` without applying them (failed or lost transactions).
  void discard(std::span<const PlannedMop> mops);

  // Keys currently active, in slot order.
  std::span<const int64_t> active_keys() const { return active_; }
  // Keys still held (active, or retired with planned micro-ops pending).
  size_t keys_held() const { return keys_.size(); }

 private:
  struct KeyState {
    std::vector<int64_t> list;  // list-append: the committed list
    int64_t value = 0;          // rw-register: the committed value
    bool has_value = false;
    uint32_t planned_writes = 0;
    uint32_t pending_mops = 0;  // planned, not yet applied or discarded
    bool retired = false;
  };

  KeyState& open_key(int64_t key);
  void release(int64_t key);
  void activate_fresh_key(size_t slot);

  Workload workload_;
  uint32_t max_writes_per_key_;
  int64_t next_key_ = 0;
  std::vector<int64_t> active_;
  std::unordered_map<int64_t, KeyState> keys_;
};

}  // namespace isocheck::bench
