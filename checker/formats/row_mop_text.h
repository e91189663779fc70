// The predicate workload's micro-ops in the text formats (JSON lines and
// EDN), an isocheck extension of Jepsen's [f k v] micro-ops, written by one
// function so both formats say the same (README: "History formats"):
//
//   [:rp PRED ROWS]          predicate read       PRED: [:all], [:group g],
//   [:count PRED n]          count(*) over PRED         [:group g max-rows],
//   [:sum-keys PRED n]       sum(k) over PRED           [:key-range low high]
//   [:r-row k ROWS]          point read           ROWS: [[k v g] ...] returned
//   [:insert k [v g]]        insert                     rows, nil = unknown
//   [:update k [v g] ROWS]   update               n:    the aggregate, nil =
//   [:delete k nil ROWS]     delete                     unknown
//
// JSON lines spells the same with strings for keywords, commas and null:
// ["rp",["group",3],[[7,12,3]]].
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string_view>

#include "checker/history/history.h"

namespace isocheck {

enum class TextSyntax { kJson, kEdn };

// Appends `m` (a predicate-workload micro-op); with `with_result` false, or
// when its result is unknown, ROWS is written as null / nil.
void append_row_mop(fmt::memory_buffer& out, const History& h, const Mop& m, bool with_result,
                    TextSyntax syntax);

// "rp", "count", "sum-keys" <-> Aggregate (the function of a predicate read).
std::optional<Aggregate> parse_aggregate_function(std::string_view name);
std::string_view aggregate_function_name(Aggregate aggregate);

// "all", "group", "key-range" <-> PredicateKind.
std::optional<PredicateKind> parse_predicate_kind(std::string_view name);
std::string_view predicate_kind_name(PredicateKind kind);

}  // namespace isocheck
