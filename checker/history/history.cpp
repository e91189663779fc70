#include "checker/history/history.h"

namespace isocheck {

const char* workload_name(Workload w) {
  switch (w) {
    case Workload::kListAppend:
      return "list-append";
    case Workload::kRwRegister:
      return "rw-register";
    case Workload::kBank:
      return "bank";
    case Workload::kUnknown:
      break;
  }
  return "unknown";
}

Workload parse_workload(std::string_view name) {
  for (Workload w : {Workload::kListAppend, Workload::kRwRegister, Workload::kBank})
    if (name == workload_name(w)) return w;
  return Workload::kUnknown;
}

Workload detect_workload(const History& h) {
  bool list = false, reg = false;
  for (const Mop& m : h.mops) {
    switch (m.kind) {
      case MopKind::kAdjust:
        return Workload::kBank;
      case MopKind::kAppend:
      case MopKind::kReadList:
        list = true;
        break;
      case MopKind::kWrite:
        reg = true;
        break;
      case MopKind::kReadRegister:
        // A read with no value yet (unknown, or nil) may still turn out to
        // be a read of an empty list.
        reg = reg || (m.has_result && !m.is_nil);
        break;
    }
  }
  if (list) return Workload::kListAppend;
  if (reg) return Workload::kRwRegister;
  return h.header.workload;
}

}  // namespace isocheck
