// Mop encoding: how a planned micro-op is written into a history event.
//
// The invocation of a transaction carries its planned mops with reads
// unanswered (has_result false); the completion carries the same mops with
// read results filled in by TxnExecutor. Events are reused across
// transactions, so these functions reuse the event's existing mop objects.
#pragma once

#include "proto/history.pb.h"
#include "runner/generate/txn_plan.h"

namespace isocheck::runner {

proto::Mop::Kind proto_mop_kind(MopKind kind);

// Replaces the mops of `event` with `plan`'s, reads without results.
void set_planned_mops(const TxnPlan& plan, proto::Event& event);

}  // namespace isocheck::runner
