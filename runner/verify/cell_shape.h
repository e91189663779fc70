// CellShape: how the transactions of one `isocheck verify` cell are
// generated — keys in play, writes per key, micro-ops per transaction, key
// distribution, clients — as rows of a table, so that the nightly matrix can
// hold cells aimed at different anomalies side by side.
//
// The standard shape (every level × workload) uses the generator's defaults
// and --clients: conflicts on every key, anomalies of the weak levels within
// seconds. The hot fresh-key shape is the one that shows the G2-item that
// PostgreSQL 15.18 lets through at SERIALIZABLE (README, "What verify
// found"): few hot keys, retired after four writes so that transactions keep
// reading keys that do not exist yet while others create them, twenty
// clients. It runs at serializable only — at the weaker levels G2-item is
// allowed anyway — for --hot-duration.
#pragma once

#include <string_view>

#include "runner/generate/txn_generator.h"

namespace isocheck::runner {

struct CellShape {
  std::string_view name;  // "" for the standard shape; else added to file names and labels
  int active_keys;
  int max_writes_per_key;
  int max_ops_per_txn;
  KeyDistribution distribution;
  int clients;  // 0: --clients
};

inline constexpr CellShape kStandardShape{"",
                                          GeneratorOptions{}.active_keys,
                                          GeneratorOptions{}.max_writes_per_key,
                                          GeneratorOptions{}.max_ops_per_txn,
                                          GeneratorOptions{}.distribution,
                                          0};
inline constexpr CellShape kHotFreshKeysShape{"hot-fresh-keys",          4, 4, 4,
                                              KeyDistribution::kHotspot, 20};

}  // namespace isocheck::runner
