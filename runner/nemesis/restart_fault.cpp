// restart: `pg_ctl restart`, alternating fast mode (clients are disconnected,
// the server shuts down cleanly with a checkpoint) and immediate mode (no
// checkpoint: the next start runs crash recovery). Unlike `kill`, PostgreSQL
// itself decides how to end every session.
#include <string>

#include "runner/cluster/embedded_cluster.h"
#include "runner/nemesis/fault_injector.h"

namespace isocheck::runner {
namespace {

class RestartFault : public FaultInjector {
 public:
  explicit RestartFault(EmbeddedCluster& cluster) : cluster_(cluster) {}

  std::string intent() override {
    return std::string("pg_ctl restart -m ") + (immediate_next_ ? "immediate" : "fast");
  }

  std::string start() override {
    mode_ = immediate_next_ ? "immediate" : "fast";
    immediate_next_ = !immediate_next_;
    try {
      cluster_.pg_ctl_restart(mode_);
    } catch (const ClusterError& e) {
      // Bring the server back the plain way rather than leave the run without one.
      try {
        cluster_.restart();
      } catch (const ClusterError&) {
        throw FaultError(std::string("restart: ") + e.what());
      }
      throw FaultError(std::string("restart: ") + e.what());
    }
    return "restarted";
  }

  std::string heal() override { return "server accepting connections after restart -m " + mode_; }

 private:
  EmbeddedCluster& cluster_;
  std::string mode_;
  bool immediate_next_ = false;
};

}  // namespace

std::unique_ptr<FaultInjector> make_restart_fault(const NemesisTarget& target) {
  if (!target.cluster) throw FaultError("restart needs the embedded server");
  return std::make_unique<RestartFault>(*target.cluster);
}

}  // namespace isocheck::runner
