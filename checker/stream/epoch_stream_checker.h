// EpochStreamChecker: checks a history epoch by epoch (check --stream, and
// the online checker of `isocheck run --epoch`) and folds the verdicts into
// one, in the memory of one epoch plus a compact summary per epoch.
//
// Why the union of the epochs' verdicts is the whole history's: the runner
// gives epochs disjoint keys and lets every transaction of an epoch complete
// before any of the next begins (runner/run/epoch_barrier.h), so every
// dependency, process and real-time edge between two epochs points forward;
// every cycle, and so every cycle anomaly, lies inside one epoch, and every
// per-key anomaly inside the epoch owning the key. What the whole history
// has beyond its epochs is the final read after the run: check_after_run
// compares it with each epoch's acknowledged appends (AckedAppends), so a
// fault in a later epoch that loses an earlier epoch's commits is reported
// as lost-write, once per lost append, as a whole-file check reports it.
// One difference remains when writes are lost: a read missing a committed
// append has an rw edge back to it, so the final read after the run joins
// every epoch that lost something into one component of the whole-file
// graph, where each cycle kind is counted once; the union counts it once
// per epoch. Verdict, kinds and lost-write counts agree.
//
// Witnesses are written out (Anomaly::txn_text, "epoch N: ..." summaries)
// before an epoch's History is released, with transactions renamed from
// the epoch's numbering to the file's (EpochSegment::first_txn), so that a
// witness names the same T<n> as `isocheck check` and `explain` of the
// whole file. At most max_witnesses_per_kind are
// kept per kind; counts are complete. Not thread-safe: one caller.
#pragma once

#include <cstdint>
#include <vector>

#include "checker/check/check_history.h"
#include "checker/stream/acked_appends.h"
#include "checker/stream/epoch_segment_reader.h"

namespace isocheck {

struct EpochVerdict {
  uint64_t epoch = 0;
  size_t transactions = 0;
  Validity valid = Validity::kValid;
  size_t anomalies = 0;  // of every kind found in this epoch
};

class EpochStreamChecker {
 public:
  // Throws std::invalid_argument as check_history does for bad models.
  explicit EpochStreamChecker(CheckOptions options);

  // Checks one epoch (segment.epoch) and keeps its summary.
  EpochVerdict check_epoch(const EpochSegment& segment);
  // Checks the final reads after the last epoch against every summary.
  void check_after_run(const EpochSegment& after);

  uint64_t epochs_checked() const { return epochs_; }
  size_t anomalies_found() const;
  // The union so far; `valid` and the violated models are settled on every
  // call. The witnesses' `txns` are empty (see txn_text).
  const CheckResult& result();
  // Bytes the kept summaries take.
  size_t summary_bytes() const;

 private:
  void fold(CheckResult&& epoch, const History& h, uint64_t epoch_number, uint32_t first_txn);
  void add(Anomaly&& a);

  CheckOptions options_;
  CheckResult result_;
  AnomalySet found_;
  AnomalySet forbidden_;
  std::vector<AckedAppends> summaries_;  // by key_low, ascending
  uint64_t epochs_ = 0;
};

}  // namespace isocheck
