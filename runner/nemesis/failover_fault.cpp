// failover: replication stalls for a moment (the primary's WAL senders
// are frozen; see ReplicaSet::stall_replication for why), then the primary
// of a --replicas set dies like a machine (every
// process SIGKILLed at once), the standby that received the most WAL is
// promoted, and — at heal — the old primary and every other standby are
// rewound with pg_rewind and re-attached as standbys of the new primary.
// Clients find the new primary by themselves through the multi-host
// conninfo (target_session_attrs=read-write).
//
// With async replication a commit acknowledged by the old primary but not
// yet streamed is gone after the promotion (pg_rewind discards it from the
// old primary too): the lost writes the durability check must report. With
// sync (remote_apply on every standby) nothing acknowledged can be lost.
#include <chrono>
#include <string>

#include "runner/cluster/replica_set.h"
#include "runner/nemesis/fault_injector.h"

namespace isocheck::runner {
namespace {

// Long enough for a client to commit (milliseconds each here), short
// against the default 5 s between faults. The cap bounds a stall in which
// nobody commits (clients all retired or waiting on sync replication).
constexpr std::chrono::milliseconds kStallWindow{300};
constexpr std::chrono::seconds kStallCap{3};

class FailoverFault : public FaultInjector {
 public:
  explicit FailoverFault(ReplicaSet& set) : set_(set) {}

  std::string intent() override {
    return "stall replication, SIGKILL primary " + set_.node_name(set_.primary_index()) +
           " and every process of it, promote the most advanced standby";
  }

  std::string start() override {
    try {
      std::string stalled = set_.stall_replication(kStallWindow, kStallCap);
      std::string crashed = set_.crash_primary();
      return stalled + "; " + crashed + "; " + set_.promote_most_advanced();
    } catch (const ClusterError& e) {
      throw FaultError(std::string("failover: ") + e.what());
    }
  }

  std::string heal() override {
    try {
      return set_.reattach_all();
    } catch (const ClusterError& e) {
      throw FaultError(std::string("failover: re-attaching the old primary: ") + e.what());
    }
  }

 private:
  ReplicaSet& set_;
};

}  // namespace

std::unique_ptr<FaultInjector> make_failover_fault(const NemesisTarget& target) {
  if (!target.replica_set) throw FaultError("failover needs --replicas (a primary and standbys)");
  return std::make_unique<FailoverFault>(*target.replica_set);
}

}  // namespace isocheck::runner
