// TxnEffect: what running a planned transaction's micro-ops did — all of
// them, or none because a check inside the transaction said not to (a bank
// transfer without funds, an on-call group already full); the caller then
// rolls back.
#pragma once

namespace isocheck::runner {

enum class TxnEffect { kApplied, kSkipped };

}  // namespace isocheck::runner
