// AnomalyRecipe: the purpose-built transactions that plant one instance of
// an InjectedAnomaly, written in a small notation a person can check by
// hand against the anomaly's definition.
//
// A recipe lists its transactions, each with a recipe-local process number
// (0, 1, ...; each becomes a fresh process id), an outcome and its
// micro-ops, and the order in which their events happen: "+2" invokes
// transaction 2, "-2" completes it. Micro-ops, separated by commas:
//
//   a x 1       append 1 to list x          w x 1      write 1 to register x
//   r x [1 2]   read list x, saw [1 2]      r x 1      read register x, saw 1
//                                           r x nil    read register x, saw nothing
//
// Keys are letters (x, y, z, u), each a fresh key of the history, so the
// planted transactions touch no key the simulated clients use and relate to
// them only through real time. Values are per key, so they stay unique.
//
// Contract: find_recipe returns nullptr when the anomaly cannot be built in
// that workload. Every recipe's events, emitted in order, are accepted by
// HistoryBuilder, and a correct checker reports the recipe's anomaly.
#pragma once

#include <string_view>
#include <vector>

#include "bench/lib/injected_anomaly.h"
#include "checker/history/history.h"

namespace isocheck::bench {

struct RecipeTxn {
  int process;  // recipe-local
  TxnStatus status;
  std::string_view mops;
  bool final_read = false;
};

struct AnomalyRecipe {
  InjectedAnomaly anomaly;
  Workload workload;
  std::vector<RecipeTxn> txns;
  std::string_view order;
  // Why these transactions show the anomaly, edge by edge.
  std::string_view how;
};

const AnomalyRecipe* find_recipe(InjectedAnomaly anomaly, Workload workload);

}  // namespace isocheck::bench
