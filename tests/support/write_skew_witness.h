// A recorded write skew, for the tests of everything that shows or replays a
// witness as SQL: two list-append transactions, each reads the key the other
// appends to and neither sees the other's append; both commit. At
// serializable that is G2-item; at repeatable read PostgreSQL allows it.
//
// The history is as `isocheck run` writes it at format version 2: the
// header names the table and carries the SQL of every statement, and
// `events` holds the two completions with their statement times, in this
// interleaving (ns after T1's invocation; each COMMIT is answered at its
// transaction's completion, T0's before T1's):
//   T0 BEGIN (0-10)      T1 BEGIN (20-30)
//   T0 read k1 (40-50)   T1 read k2 (60-70)
//   T0 append k2 (80-90) T1 append k1 (100-110)
//   T0 COMMIT (sent 120) T1 COMMIT (sent 140)
// Keys 1 and 2 hold {1} before; T0 appends 2 to key 2 and T1 appends 2 to key
// 1. A final read shows both keys as {1,2}.
#pragma once

#include <cstdint>

#include "checker/anomaly/anomaly.h"
#include "checker/formats/recorded_events.h"
#include "checker/history/history.h"

namespace isocheck::testing {

inline constexpr const char* kWriteSkewTable = "isocheck_witness_test_list";

struct RecordedWitness {
  History history;
  RecordedEvents events;
  Anomaly anomaly;  // G2-item over T0 and T1
};

RecordedWitness recorded_write_skew(const char* begin_statement =
                                        "BEGIN ISOLATION LEVEL "
                                        "REPEATABLE READ");

}  // namespace isocheck::testing
