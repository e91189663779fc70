#include "checker/graph/edge.h"

namespace isocheck {

const char* edge_kind_name(EdgeKind k) {
  switch (k) {
    case EdgeKind::kWw:
      return "ww";
    case EdgeKind::kWr:
      return "wr";
    case EdgeKind::kRw:
      return "rw";
    case EdgeKind::kProcess:
      return "process";
    case EdgeKind::kRealtime:
      return "realtime";
    case EdgeKind::kPredicateRw:
      return "rw-predicate";
  }
  return "?";
}

}  // namespace isocheck
