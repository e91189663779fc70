// Read-write register version inference (Elle's rw-register workload).
//
// Each key holds one value; writes are unique per key, so a read names the
// write it saw. The version order is only partly known (see
// rw_register_versions.h): nil precedes every write, and a committed
// transaction that read v1 and then wrote v2 puts v1 before v2. Edges come
// from the transitive reduction of each key's version graph:
//   ww  writer(v1) -> writer(v2) for each direct successor v2 of v1;
//   wr  writer(v) -> each external reader of v;
//   rw  external reader of v1 -> writer of each direct successor v2 (a
//       reader of nil -> writers of versions whose only predecessor is nil).
//
// Non-cycle anomalies reported: cyclic-versions, G1a, G1b, internal,
// lost-update, garbage-read and lost-write (the last final read of a key is
// nil although an ok write exists, or was written by a transaction that
// completed before another ok write to the key was invoked — on one
// PostgreSQL node commit order follows real time, so that write was lost).
//
// Contract: see checker/infer/inference.h. The returned explainer references
// `history`, which must outlive it.
#pragma once

#include "checker/history/history.h"
#include "checker/infer/inference.h"

namespace isocheck {

Inference infer_rw_register(const History& history);

}  // namespace isocheck
