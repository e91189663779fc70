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
    case Workload::kPredicate:
      return "predicate";
    case Workload::kUnknown:
      break;
  }
  return "unknown";
}

std::string predicate_text(const Predicate& p) {
  switch (p.kind) {
    case PredicateKind::kAll:
      return "every row";
    case PredicateKind::kGroup:
      return "group = " + std::to_string(p.group);
    case PredicateKind::kKeyRange:
      return "key in [" + std::to_string(p.key_low) + ", " + std::to_string(p.key_high) + "]";
  }
  return "?";
}

std::string aggregate_text(Aggregate a, const Predicate& p) {
  switch (a) {
    case Aggregate::kRows:
      break;
    case Aggregate::kCount:
      return "count(" + predicate_text(p) + ")";
    case Aggregate::kSumKeys:
      return "sum of keys(" + predicate_text(p) + ")";
  }
  return predicate_text(p);
}

Workload parse_workload(std::string_view name) {
  for (Workload w :
       {Workload::kListAppend, Workload::kRwRegister, Workload::kBank, Workload::kPredicate})
    if (name == workload_name(w)) return w;
  return Workload::kUnknown;
}

Workload detect_workload(const History& h) {
  bool list = false, reg = false, bank = false;
  for (const Mop& m : h.mops) {
    if (is_row_mop_kind(m.kind)) return Workload::kPredicate;
    switch (m.kind) {
      case MopKind::kAdjust:
        bank = true;
        break;
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
      default:
        break;
    }
  }
  if (bank) return Workload::kBank;
  if (list) return Workload::kListAppend;
  if (reg) return Workload::kRwRegister;
  return h.header.workload;
}

}  // namespace isocheck
