// PredicateGenerator: the predicate workload's transactions, for
// TxnGenerator (which owns the options and the random stream).
//
// The table's rows have a key, a value and a group. Keys are never reused:
// each insert takes a fresh key (value_offset + n * value_stride, so forked
// workers never collide), which keeps every row's history a single line from
// its absence to its deletion. Values are unique in the run the same way.
// Point reads, updates and half the deletes pick among the
// `active_keys` * 4 keys inserted last; the other deletes pick among the
// keys that fell out of that window more recently, so that the table stays
// small (a predicate read's rows, and the checker's work, grow with it);
// a delete whose transaction failed is likely tried again by a later one.
// Key ranges span a few recent keys and reach past the newest, so inserts
// land in them.
//
// Groups rotate, as Elle rotates keys, so that a group's rows (and the
// checker's work per read of it) stay few: every kKeysPerEpoch fresh keys
// start an epoch, whose kGroups ordinary groups (epoch * kGroups + 0, 1,
// ...) take every insert and update, and whose kOnCallGroups on-call groups
// (negative: -1 - epoch * kOnCallGroups - j) take on-call rows. A row
// enters an on-call group only through the on-call transaction — read the
// group (with max_rows = kOnCallMaxRows), and insert a row into it, which
// the executor skips when the group already holds max_rows rows. Deletes
// and updates may take rows out of them. So a serializable run never shows
// an on-call group with more than kOnCallMaxRows rows; write skew through
// the predicate (two transactions both see one row and both insert) does.
//
// A predicate read returns the rows (half of them), their count or their
// sum of keys (a quarter each).
//
// A transaction is one of (shares out of 100):
//   on-call (20): [read or count on-call group g, insert into g]
//   re-read (20): [predicate read P, one other micro-op, P again, as rows,
//                 count or sum of keys, drawn again]
//   mixed (60):   1 .. max_ops_per_txn of: group read (15), range read
//                 (15), point read (10), insert (15), update (15: a new
//                 value, maybe another ordinary group), delete (30).
#pragma once

#include <cstdint>
#include <vector>

#include "checker/common/random_stream.h"
#include "runner/generate/txn_plan.h"

namespace isocheck::runner {

struct GeneratorOptions;

class PredicateGenerator {
 public:
  static constexpr int64_t kGroups = 4;
  static constexpr int64_t kOnCallGroups = 2;
  static constexpr int64_t kOnCallMaxRows = 2;
  static constexpr int64_t kKeysPerEpoch = 256;

  explicit PredicateGenerator(const GeneratorOptions& options);

  void next(RandomStream& random, TxnPlan& plan);
  // New values for the writes of `plan`, for a retry.
  void refresh_values(TxnPlan& plan);

 private:
  PlannedMop random_mop(RandomStream& random);
  PlannedMop predicate_read(RandomStream& random);
  static Aggregate aggregate(RandomStream& random);
  int64_t fresh_key();
  int64_t fresh_value();
  int64_t recent_key(RandomStream& random) const;
  int64_t ordinary_group(RandomStream& random) const;
  int64_t on_call_group(RandomStream& random) const;

  int64_t active_keys_, max_ops_per_txn_, value_offset_, value_stride_;
  // Rings of the keys inserted last, and of the keys pushed out of it.
  std::vector<int64_t> recent_, retired_;
  size_t recent_capacity_;
  size_t recent_next_ = 0, retired_next_ = 0;
  int64_t keys_given_ = 0;
  int64_t values_given_ = 0;
};

}  // namespace isocheck::runner
