#include "checker/formats/settle_read_kinds.h"

#include <fmt/format.h>

#include "checker/formats/load_error.h"

namespace isocheck {
namespace {

// Why `m` cannot be part of a `w` history, or nullptr when it can.
const char* misfit(const Mop& m, Workload w) {
  if (w == Workload::kPredicate)
    return is_row_mop_kind(m.kind) ? nullptr : "a list or register micro-op";
  if (is_row_mop_kind(m.kind)) return "a predicate-workload micro-op";
  switch (w) {
    case Workload::kListAppend:
      if (m.kind == MopKind::kWrite) return "a register write";
      if (m.kind == MopKind::kReadRegister && m.has_result && !m.is_nil)
        return "a register read with a value";
      return nullptr;
    case Workload::kRwRegister:
    case Workload::kBank:
      if (m.kind == MopKind::kAppend) return "an append";
      if (m.kind == MopKind::kReadList) return "a list read";
      return nullptr;
    case Workload::kUnknown:
    case Workload::kPredicate:
      return nullptr;
  }
  return nullptr;
}

}  // namespace

Workload settle_read_kinds(History& history, Workload override, std::string_view file) {
  Workload w = override != Workload::kUnknown ? override : detect_workload(history);
  for (const Txn& t : history.txns) {
    for (uint32_t i = 0; i < t.mop_count; ++i) {
      Mop& m = history.mops[t.mop_begin + i];
      if (const char* why = misfit(m, w)) {
        uint64_t index = t.completed() ? t.complete_index : t.invoke_index;
        throw LoadError(file, fmt::format("index {}", index), fmt::format("value[{}]", i),
                        fmt::format("{} (key {}) in a {} history", why, m.key, workload_name(w)));
      }
      if (w == Workload::kListAppend && m.kind == MopKind::kReadRegister) {
        m.kind = MopKind::kReadList;
        m.is_nil = false;
        m.value = 0;
        m.list_begin = 0;
        m.list_size = 0;
      }
    }
  }
  history.header.workload = w;
  return w;
}

}  // namespace isocheck
