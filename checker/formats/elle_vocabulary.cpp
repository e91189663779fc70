#include "checker/formats/elle_vocabulary.h"

#include <array>
#include <utility>

namespace isocheck {
namespace {

constexpr std::array<std::pair<std::string_view, EventType>, 4> kEventTypes{{
    {"invoke", EventType::kInvoke},
    {"ok", EventType::kOk},
    {"fail", EventType::kFail},
    {"info", EventType::kInfo},
}};

// The predicate workload's functions are isocheck's own (row_mop_text.h).
constexpr std::array<std::pair<std::string_view, MopKind>, 12> kMopFunctions{{
    {"append", MopKind::kAppend},
    {"r", MopKind::kReadRegister},
    {"r", MopKind::kReadList},
    {"w", MopKind::kWrite},
    {"adjust", MopKind::kAdjust},
    {"rp", MopKind::kPredicateRead},
    {"count", MopKind::kPredicateRead},
    {"sum-keys", MopKind::kPredicateRead},
    {"insert", MopKind::kInsert},
    {"delete", MopKind::kDelete},
    {"update", MopKind::kUpdate},
    {"r-row", MopKind::kReadRow},
}};

}  // namespace

std::optional<EventType> parse_event_type(std::string_view name) {
  for (auto [n, type] : kEventTypes)
    if (n == name) return type;
  return std::nullopt;
}

std::optional<MopKind> parse_mop_function(std::string_view name) {
  for (auto [n, kind] : kMopFunctions)
    if (n == name) return kind;
  return std::nullopt;
}

std::string_view mop_function_name(MopKind kind) {
  for (auto [n, k] : kMopFunctions)
    if (k == kind) return n;
  return "?";
}

}  // namespace isocheck
