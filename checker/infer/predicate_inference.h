// Predicate workload inference: versions per row (row_versions.h) and the
// dependencies of predicate reads after Adya.
//
// Edges:
//   ww  the writer of a row version -> the writer of the next one;
//   wr  the writer of a row version -> a transaction that read it: through
//       a point read, the row an update or delete replaced, or a predicate
//       read that returned it;
//   rw  (item) a point read, update or delete that saw a version -> the
//       writers of the versions that replaced it;
//   rw-predicate  a predicate read -> the writer of the first later version
//       of a row that changes whether the row matches (an insert or update
//       into the predicate, a delete or update out of it).
// A row a predicate read did not return was seen in some version that does
// not match. Only versions written by transactions invoked before the reader
// completed can have been seen; among those, which one is certain only while
// the row, once it matched, never stopped matching (it was seen absent, or
// not yet moved in). A row that left the predicate (moved out, deleted)
// before the reader completed could have been seen before it came or after
// it left, so it gives no edge (missing evidence never invents an anomaly;
// it can hide one); a row that left only afterwards gives its edge. A
// returned row's edge goes to whoever first made it stop matching: the
// delete or the update that moved it out.
//
// Aggregates (a count, or a sum of keys, over a predicate) name no rows, so
// they give no wr edge. A count bounds the rows: rows the transaction wrote
// count as it left them, any other row at most once, and only if a matching
// version of it may have been seen. A count below the first is internal,
// above the bound a garbage-read; a count of exactly the transaction's own
// rows means every other row was seen not matching and gives the same
// rw-predicate edges as a read that returned none. Re-runs in one
// transaction are compared as rows are (predicate_rerun.h): a count or sum
// of keys that differs from the earlier read's is a phantom.
//
// Non-cycle anomalies: garbage-read, G1a, G1b for every row returned;
// lost-update (two committed writers replaced one version); lost-write (the
// final read of every row misses a committed version or still shows one a
// committed write replaced); phantom (a predicate read re-run in one
// transaction returns another set of rows than the first run and the
// transaction's own writes since explain); internal (the same set, other
// values); on-call-overbooked (a committed read or count of an on-call
// predicate, or the final read, shows more rows in its group than
// Predicate::max_rows).
//
// Contract: see checker/infer/inference.h. The returned explainer references
// `history`, which must outlive it.
#pragma once

#include "checker/history/history.h"
#include "checker/infer/inference.h"

namespace isocheck {

Inference infer_predicate(const History& history);

}  // namespace isocheck
