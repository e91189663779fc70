// FinalReader: records the final reads of a run — one transaction reading
// every key the run may have written, or an epoch's keys — over one
// connection kept across reads.
//
// Each read is one transaction with `final_read` set, in a REPEATABLE READ
// READ ONLY snapshot, under the process the caller names. Every statement
// waits at most twice the statement timeout plus a second, and at least 60 s:
// a server that stopped answering must not hang a run at its very end.
// read() throws PgError when the server cannot be reached or does not answer
// in time; a read that fails once invoked is recorded as fail first (a
// read-only transaction changed nothing), so the same process may read
// again. After an error the connection is dropped and the next read opens a
// new one.
//
// Why one connection: a run with epochs ends with one read per epoch (an
// hour of 10 s epochs is 360 reads); a connection each cost seconds under
// load, while the reads themselves take milliseconds.
#pragma once

#include <cstdint>
#include <memory>

#include "runner/client/client_loop.h"
#include "runner/record/history_recorder.h"

namespace isocheck::runner {

class FinalReader {
 public:
  // `options` (conninfo, workload, table, statement timeout, unnamed
  // statements) must outlive the reader. Connects lazily.
  FinalReader(const ClientLoopOptions& options, HistoryRecorder& recorder);
  ~FinalReader();

  // Keys [0, key_count): for the predicate workload, every row.
  void read_all(int64_t key_count, int64_t process);
  // Keys [key_low, key_end) only (list-append, rw-register): an epoch's keys.
  void read_range(int64_t key_low, int64_t key_end, int64_t process);

 private:
  struct Session;
  void read(int64_t key_low, int64_t key_end, int64_t process);

  const ClientLoopOptions& options_;
  HistoryRecorder& recorder_;
  std::unique_ptr<Session> session_;
};

}  // namespace isocheck::runner
