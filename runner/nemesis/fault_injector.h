// FaultInjector: one kind of fault the nemesis can inflict on the server
// under test, and undo.
//
// Contract: intent() says, in words, what start() is about to do, for the
// history's start record ("SIGKILL postmaster 4711"); start() injects the
// fault and returns what came of it; heal() undoes it and returns what it
// did (both go into the heal record). The nemesis calls heal() exactly once after every
// start() that returned — also when the run stops early or fails — and
// never starts a fault while another is active, so an injector needs to
// remember only its own last start. Both throw FaultError when the server
// cannot be brought into (or back from) the fault; a failed heal ends the
// run, because what follows would not be a test of a healthy server.
//
// Faults that restart or kill the server need the embedded cluster (the
// target's `cluster`); `failover` needs the replica set; `terminate` needs
// only a connection and so also works against a --dsn server.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

namespace isocheck::runner {

class EmbeddedCluster;
class ReplicaSet;

class FaultError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What the nemesis acts on.
struct NemesisTarget {
  // The throwaway server; nullptr for a --dsn run.
  EmbeddedCluster* cluster = nullptr;
  // How the nemesis itself connects (as a superuser, or a role allowed to
  // terminate the runner's backends).
  std::string conninfo;
  // The application_name every client of this run connects with, so that
  // `terminate` hits the run's own backends and nobody else's.
  std::string application_name;
  // Named in fault records: "embedded:<port>" or the DSN's host.
  std::string name;
  // The throwaway primary and standbys of a --replicas run (then `cluster`
  // is nullptr: which node is primary changes with every failover).
  ReplicaSet* replica_set = nullptr;
};

class FaultInjector {
 public:
  virtual ~FaultInjector() = default;
  virtual std::string intent() = 0;
  virtual std::string start() = 0;
  virtual std::string heal() = 0;
};

// One per fault file (kill_fault.cpp, pause_fault.cpp, ...). `variant`
// picks among a fault's forms (restart: fast or immediate).
std::unique_ptr<FaultInjector> make_kill_fault(const NemesisTarget& target);
std::unique_ptr<FaultInjector> make_pause_fault(const NemesisTarget& target);
std::unique_ptr<FaultInjector> make_terminate_fault(const NemesisTarget& target);
std::unique_ptr<FaultInjector> make_restart_fault(const NemesisTarget& target);
std::unique_ptr<FaultInjector> make_failover_fault(const NemesisTarget& target);
std::unique_ptr<FaultInjector> make_partition_fault(const NemesisTarget& target);
std::unique_ptr<FaultInjector> make_clock_fault(const NemesisTarget& target);

}  // namespace isocheck::runner
