// List-append version inference (Elle's list-append workload).
//
// Each key holds a list that transactions append unique values to and read
// whole. The longest committed read of a key gives its version order; every
// other committed read must be a prefix of it. From that order come the
// dependency edges:
//   ww  writers of consecutive elements of the order;
//   wr  writer of the last element of a transaction's external read -> reader;
//   rw  external reader of a version -> writer of the next element.
// A transaction's external read of a key is its first read before it appends
// to the key itself; its installed version is its last append to the key.
//
// Non-cycle anomalies reported: incompatible-order, G1a, G1b, internal,
// dirty-update, duplicate-elements, lost-update, garbage-read and lost-write
// (an ok append missing from the last final read of its key).
//
// Contract: see checker/infer/inference.h. The returned explainer references
// `history`, which must outlive it.
#pragma once

#include "checker/history/history.h"
#include "checker/infer/inference.h"

namespace isocheck {

Inference infer_list_append(const History& history);

}  // namespace isocheck
