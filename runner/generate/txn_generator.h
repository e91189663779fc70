// TxnGenerator: a seeded source of random transactions for one workload.
//
// Contract: the same options (seed included) give the same sequence of plans,
// on every platform (the generator uses its own PRNG, not <random>'s
// implementation-defined distributions). Not thread-safe: clients sharing one
// generator serialize their calls.
//
// list-append and rw-register use Elle's key rotation: `active_keys` keys are
// in play at any moment; a key that has been given `max_writes_per_key`
// writes is retired and replaced by a fresh key (keys are numbered 0, 1, 2 ...
// in order of first use). Written values are unique per key: the n-th value
// (n = 0, 1, ...) planned for a key is value_offset + 1 + n * value_stride, so
// forked worker processes that share keys (same seed, offsets 0..P-1, stride
// P) never write the same value twice; with P workers a key may then get up
// to P * max_writes_per_key writes.
//
// Predicate plans: see predicate_generator.h.
//
// Bank plans are either a read of every account (one kReadRegister per
// account, in account order) or a transfer: kAdjust(from, -amount) then
// kAdjust(to, +amount), from != to, 1 <= amount <= max_transfer.
//
// Defaults are chosen to make anomalies appear within seconds at weak
// isolation levels: with 8 active keys and at most 4 micro-ops per
// transaction, two concurrent transactions touch a common key most of the
// time, so ten clients conflict constantly; 32 writes per key keeps lists
// (and hence reads and version orders) short while still letting many
// transactions contend on each key; half reads gives every write a good
// chance of being observed, which is what turns conflicts into provable
// dependency edges.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "checker/common/random_stream.h"
#include "checker/history/history.h"
#include "runner/generate/predicate_generator.h"
#include "runner/generate/txn_plan.h"

namespace isocheck::runner {

enum class KeyDistribution {
  kUniform,  // every active key equally likely
  kHotspot,  // Zipf (s = 1) over the active keys: the first slot is hottest
};

// "uniform", "hotspot" (also "zipf"); nullopt for anything else.
std::optional<KeyDistribution> parse_key_distribution(std::string_view name);
const char* key_distribution_name(KeyDistribution d);

struct GeneratorOptions {
  Workload workload = Workload::kListAppend;
  uint64_t seed = 0;
  int active_keys = 8;
  int max_writes_per_key = 32;
  int max_ops_per_txn = 4;  // each txn has 1..max_ops_per_txn mops
  double read_ratio = 0.5;  // bank: the share of read-all transactions
  KeyDistribution distribution = KeyDistribution::kUniform;
  int64_t value_stride = 1;
  int64_t value_offset = 0;
  int64_t bank_accounts = 8;
  int64_t max_transfer = 5;
};

class TxnGenerator {
 public:
  // Throws std::invalid_argument naming the option when one is out of range.
  explicit TxnGenerator(const GeneratorOptions& options);
  ~TxnGenerator();

  // Overwrites `plan` with the next transaction.
  void next(TxnPlan& plan);

  // Gives every write of `plan` a fresh value (same keys), for retrying a
  // transaction that failed: values stay unique per key across attempts.
  // Does not count towards max_writes_per_key — a failed attempt wrote
  // nothing.
  void refresh_values(TxnPlan& plan);

  // Keys 0 .. key_count()-1 may have been written so far (bank: accounts;
  // predicate: its final read reads every row whatever this says).
  int64_t key_count() const;

  // list-append and rw-register: retires every key in play and brings in
  // fresh ones, so that later plans touch no key planned before (an epoch's
  // own keys, runner/run/epoch_barrier.h). Returns the first fresh key: the
  // keys from it to key_count() are the ones planned since.
  int64_t start_fresh_keys();

  const GeneratorOptions& options() const { return options_; }

 private:
  struct Slot {
    int64_t key;
    int writes;
  };
  size_t pick_slot(size_t n);
  int64_t fresh_value(int64_t key);
  int64_t pick_account();
  void next_keyed(TxnPlan& plan);
  void next_bank(TxnPlan& plan);

  GeneratorOptions options_;
  RandomStream random_;
  std::vector<Slot> slots_;
  std::vector<double> zipf_cdf_;       // cumulative weights over slots / accounts
  std::vector<int64_t> values_given_;  // per key: how many values planned
  int64_t next_key_ = 0;
  std::unique_ptr<PredicateGenerator> predicate_;
};

}  // namespace isocheck::runner
