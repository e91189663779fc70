// pause: SIGSTOP the postmaster and every process it started, then SIGCONT
// them. The server neither crashes nor answers: connections stay open and
// clients wait, as on a machine that stalls (a long GC-like freeze, a VM
// migration). No transaction is lost; in-flight ones simply take longer.
#include <signal.h>

#include <chrono>
#include <string>
#include <vector>

#include "runner/cluster/embedded_cluster.h"
#include "runner/cluster/process_tree.h"
#include "runner/nemesis/fault_injector.h"

namespace isocheck::runner {
namespace {

class PauseFault : public FaultInjector {
 public:
  explicit PauseFault(EmbeddedCluster& cluster) : cluster_(cluster) {}

  std::string intent() override {
    std::optional<pid_t> pid = cluster_.postmaster();
    return "SIGSTOP postmaster " + (pid ? std::to_string(*pid) : std::string("(none running)")) +
           " and its children";
  }

  std::string start() override {
    std::optional<pid_t> pid = cluster_.postmaster();
    if (!pid) throw FaultError("pause: no running postmaster");
    paused_ = *pid;
    // Once the postmaster has really stopped it forks no more; a second round
    // catches a child it started between the first round's scan and its stop.
    await_stopped(signal_process_tree(*pid, SIGSTOP), std::chrono::seconds(2));
    std::vector<pid_t> signalled = signal_process_tree(*pid, SIGSTOP);
    size_t stopped = await_stopped(signalled, std::chrono::seconds(2));
    return std::to_string(stopped) + " of " + std::to_string(signalled.size()) +
           " processes stopped";
  }

  std::string heal() override {
    // Children the postmaster started just before it stopped are resumed too:
    // they are found afresh.
    size_t n = signal_process_tree(paused_, SIGCONT).size();
    return "SIGCONT to " + std::to_string(n) + " processes";
  }

 private:
  EmbeddedCluster& cluster_;
  pid_t paused_ = 0;
};

}  // namespace

std::unique_ptr<FaultInjector> make_pause_fault(const NemesisTarget& target) {
  if (!target.cluster) throw FaultError("pause needs the embedded server");
  return std::make_unique<PauseFault>(*target.cluster);
}

}  // namespace isocheck::runner
