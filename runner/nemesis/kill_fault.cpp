// kill: SIGKILL the postmaster — every backend dies with it, nothing is
// flushed, shared memory (and so any WAL not yet written out) is lost — then
// start the same data directory again, so crash recovery runs from the WAL
// exactly as after a power cut of the process (not of the disk: the page
// cache survives, see embedded_cluster.cpp).
#include <string>

#include "runner/cluster/embedded_cluster.h"
#include "runner/nemesis/fault_injector.h"

namespace isocheck::runner {
namespace {

class KillFault : public FaultInjector {
 public:
  explicit KillFault(EmbeddedCluster& cluster) : cluster_(cluster) {}

  std::string intent() override {
    std::optional<pid_t> pid = cluster_.postmaster();
    return "SIGKILL postmaster " + (pid ? std::to_string(*pid) : std::string("(none running)"));
  }

  std::string start() override {
    try {
      cluster_.kill_server();
    } catch (const ClusterError& e) {
      throw FaultError(std::string("kill: ") + e.what());
    }
    return "postmaster and backends gone";
  }

  std::string heal() override {
    try {
      cluster_.restart();
    } catch (const ClusterError& e) {
      throw FaultError(std::string("kill: restarting after the crash: ") + e.what());
    }
    std::optional<pid_t> pid = cluster_.postmaster();
    return "started again after crash recovery, postmaster " +
           (pid ? std::to_string(*pid) : std::string("?"));
  }

 private:
  EmbeddedCluster& cluster_;
};

}  // namespace

std::unique_ptr<FaultInjector> make_kill_fault(const NemesisTarget& target) {
  if (!target.cluster) throw FaultError("kill needs the embedded server");
  return std::make_unique<KillFault>(*target.cluster);
}

}  // namespace isocheck::runner
