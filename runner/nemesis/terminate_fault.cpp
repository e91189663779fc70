// terminate: pg_terminate_backend() on every backend of this run (found by
// the application_name all its clients set), from a separate connection.
// The server stays up; each client's connection ends with
// "FATAL: terminating connection due to administrator command". Works on
// any server where the nemesis's role may terminate the run's backends, so
// it is the one fault allowed with --dsn.
#include <string>

#include "runner/nemesis/fault_injector.h"
#include "runner/pg/pg_connection.h"

namespace isocheck::runner {
namespace {

class TerminateFault : public FaultInjector {
 public:
  explicit TerminateFault(const NemesisTarget& target)
      : conninfo_(target.conninfo), application_name_(target.application_name) {}

  std::string intent() override {
    return "pg_terminate_backend on the backends of application_name " + application_name_;
  }

  std::string start() override {
    try {
      PgConnection conn(conninfo_, std::chrono::seconds(5));
      PgResult r = conn.exec_params(
          "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)), count(*) "
          "FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()",
          {application_name_});
      return "terminated " + std::string(r.text(0, 0)) + " of " + std::string(r.text(0, 1)) +
             " backends";
    } catch (const PgError& e) {
      throw FaultError(std::string("terminate: ") + e.what());
    }
  }

  // Nothing to undo: clients reconnect by themselves.
  std::string heal() override { return "clients free to reconnect"; }

 private:
  std::string conninfo_;
  std::string application_name_;
};

}  // namespace

std::unique_ptr<FaultInjector> make_terminate_fault(const NemesisTarget& target) {
  if (target.application_name.empty())
    throw FaultError("terminate needs the run's application_name");
  return std::make_unique<TerminateFault>(target);
}

}  // namespace isocheck::runner
