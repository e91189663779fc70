// TxnPlan: the micro-ops of one transaction as the generator planned them,
// before they run — what the invocation record says was asked.
//
// Reads carry no value; writes (append / write / adjust) carry the value to
// write or add. Plans are reused from transaction to transaction (the vector
// keeps its capacity), so generating one allocates nothing once warm.
#pragma once

#include <cstdint>
#include <vector>

#include "checker/history/history.h"

namespace isocheck::runner {

struct PlannedMop {
  MopKind kind = MopKind::kReadList;
  int64_t key = 0;
  int64_t value = 0;  // writes only
  // Predicate workload: the group an insert or update writes, and the
  // predicate of a predicate read and what it reads of it.
  int64_t group = 0;
  Predicate predicate{};
  Aggregate aggregate = Aggregate::kRows;
};

struct TxnPlan {
  std::vector<PlannedMop> mops;
};

}  // namespace isocheck::runner
