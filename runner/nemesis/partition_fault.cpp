// partition: every packet between the clients (the host) and the server
// (inside its own network namespace) is dropped for a few seconds, then the
// rules are deleted. Unlike kill or terminate nothing resets a connection:
// statements and connection attempts hang, so clients find out only
// through their own timeouts (connect_timeout, the client-side statement
// deadline) — a COMMIT in flight becomes `info`, anything before it `fail`.
// In-flight statements whose packets are retransmitted after the heal just
// finish late.
#include <string>

#include "runner/cluster/embedded_cluster.h"
#include "runner/cluster/network_namespace.h"
#include "runner/nemesis/fault_injector.h"

namespace isocheck::runner {
namespace {

class PartitionFault : public FaultInjector {
 public:
  explicit PartitionFault(NetworkNamespace& netns) : netns_(netns) {}

  std::string intent() override {
    return "DROP all packets between " + netns_.host_address() + " (clients) and " +
           netns_.server_address() + " (server, namespace " + netns_.name() + ")";
  }

  std::string start() override {
    try {
      netns_.partition();
    } catch (const ClusterError& e) {
      throw FaultError(std::string("partition: ") + e.what());
    }
    return "iptables DROP rules in namespace " + netns_.name();
  }

  std::string heal() override {
    try {
      netns_.heal();
    } catch (const ClusterError& e) {
      throw FaultError(std::string("partition: healing: ") + e.what());
    }
    return "rules deleted";
  }

 private:
  NetworkNamespace& netns_;
};

}  // namespace

std::unique_ptr<FaultInjector> make_partition_fault(const NemesisTarget& target) {
  if (!target.cluster || !target.cluster->network_namespace())
    throw FaultError("partition needs the throwaway server in its own network namespace");
  return std::make_unique<PartitionFault>(*target.cluster->network_namespace());
}

}  // namespace isocheck::runner
