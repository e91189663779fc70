// history_events: the event sequence a History was recorded as, rebuilt
// for writers.
//
// Every transaction contributes its invocation and, when it completed, its
// completion; the result is in event-index order (the order the events
// were recorded in), so writing it out and loading it again gives back the
// same transactions with the same indices and times. An invocation carries
// the transaction's micro-ops with read results unknown; a completion
// carries them with results, plus the error. Faults (History::faults) are
// merged in by time: each goes before the first event recorded after it.
#pragma once

#include <cstdint>
#include <vector>

#include "checker/history/history.h"
#include "checker/history/history_builder.h"

namespace isocheck {

struct HistoryEvent {
  uint32_t txn = 0;  // position in History::txns, or in faults / epochs when `fault` / `epoch`
  bool completion = false;  // false: the invocation
  bool fault = false;       // a fault phase, not a transaction's event
  bool epoch = false;       // an epoch mark, not a transaction's event

  const Fault& fault_of(const History& h) const { return h.faults[txn]; }
  const EpochMark& epoch_of(const History& h) const { return h.epochs[txn]; }

  uint64_t index(const History& h) const {
    const Txn& t = h.txns[txn];
    return completion ? t.complete_index : t.invoke_index;
  }
  int64_t time_ns(const History& h) const {
    if (fault) return h.faults[txn].time_ns;
    if (epoch) return h.epochs[txn].time_ns;
    const Txn& t = h.txns[txn];
    return completion ? t.complete_ns : t.invoke_ns;
  }
  EventType type(const History& h) const {
    if (!completion) return EventType::kInvoke;
    switch (h.txns[txn].status) {
      case TxnStatus::kOk:
        return EventType::kOk;
      case TxnStatus::kFail:
        return EventType::kFail;
      case TxnStatus::kInfo:
        break;
    }
    return EventType::kInfo;
  }
};

std::vector<HistoryEvent> history_events(const History& h);

}  // namespace isocheck
