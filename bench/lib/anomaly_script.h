// emit_recipe: plays an AnomalyRecipe into a history being generated.
//
// The recipe's keys become fresh keys of `db` (so no simulated client ever
// touches them), its processes fresh process ids from `next_process`, and
// its events are written one after another, a fixed step apart, from the
// writer's current time. Clients with transactions in flight simply stay
// open across the recipe, as they would in a real run.
#pragma once

#include <cstdint>

#include "bench/lib/anomaly_recipes.h"
#include "bench/lib/event_writer.h"
#include "bench/lib/simulated_database.h"

namespace isocheck::bench {

// Where a recipe landed: its transactions are the ids
// [first_txn, first_txn + txn_count) of the finished History.
struct InjectionSite {
  uint64_t first_txn = 0;
  uint64_t txn_count = 0;
};

// Throws std::logic_error if the recipe's notation is malformed (a bug in
// anomaly_recipes.cpp).
InjectionSite emit_recipe(const AnomalyRecipe& recipe, EventWriter& writer, SimulatedDatabase& db,
                          int64_t& next_process);

}  // namespace isocheck::bench
