// generate_history: realistic, valid histories from a simulated strictly
// serializable database, for benchmarks and property tests.
//
// `concurrency` client slots each run transactions back to back. A
// transaction is planned when invoked (1..4 micro-ops by default, reads and
// writes on uniformly chosen active keys of a SimulatedDatabase), applied
// atomically at one instant drawn between its invocation and completion,
// then completed. Applying in instant order is a serial execution that
// respects real time, so the history is strict-serializable — unless an
// anomaly is injected. Outcomes:
//   ok    applied; the completion carries the read results;
//   fail  never applied (SQLSTATE 40001);
//   info  applied or not by a coin flip; the slot's process retires and the
//         slot continues under a new process id (ids are never reused).
// With `final_reads`, one last transaction, after every other completed,
// reads every active key and is marked as a final read.
//
// With `inject`, one instance of that anomaly (see anomaly_recipes.h) is
// played at a uniformly chosen point of the run (lost-write, whose recipe
// ends in a final read, after the run); its transactions come on top of
// `txns`.
//
// Memory: events stream into a HistoryBuilder; the generator itself holds
// only per-slot buffers and the keys in use, so ten million transactions
// cost what their History costs and no more.
#pragma once

#include <cstdint>
#include <optional>

#include "bench/lib/anomaly_script.h"
#include "bench/lib/injected_anomaly.h"
#include "checker/history/history.h"

namespace isocheck::bench {

struct GeneratorOptions {
  Workload workload = Workload::kListAppend;  // or kRwRegister
  uint64_t txns = 1000;                       // simulated client transactions
  uint32_t concurrency = 10;
  uint32_t active_keys = 10;
  uint32_t max_writes_per_key = 16;
  uint32_t min_mops = 1;
  uint32_t max_mops = 4;
  double read_fraction = 0.5;  // chance that a micro-op is a read
  double fail_rate = 0.0;
  double info_rate = 0.0;
  bool final_reads = false;
  std::optional<InjectedAnomaly> inject;
  uint64_t seed = 1;
  // Each phase (think before invoking, invoke to apply, apply to complete)
  // lasts a uniform time in [1, max].
  int64_t max_think_ns = 200'000;
  int64_t max_service_ns = 1'000'000;
};

struct GeneratedHistory {
  History history;
  std::optional<InjectionSite> injected;  // set when options.inject is
};

// Throws std::invalid_argument naming the offending option (zero
// concurrency or keys, mops range empty or above 1000, rates outside [0, 1]
// or summing above 1, an anomaly the workload cannot show, ...).
GeneratedHistory generate_history(const GeneratorOptions& options);

}  // namespace isocheck::bench
