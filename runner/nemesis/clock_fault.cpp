// clock: the server's wall clock jumps by seconds to minutes, forward or
// back (as when NTP steps a badly drifted clock), and jumps back to real
// time at heal. PostgreSQL orders transactions by xids and snapshots, not
// by the clock, so isolation must hold; what moves is now(),
// clock_timestamp(), the times in the server's log — and its timeouts
// (below). The jumps come from
// a fixed-seed stream: every run sees the same sequence of them.
#include <string>

#include "checker/common/random_stream.h"
#include "runner/cluster/embedded_cluster.h"
#include "runner/cluster/fake_clock.h"
#include "runner/nemesis/fault_injector.h"

namespace isocheck::runner {
namespace {

// Jumps between 5 s and 3 min, either way. PostgreSQL schedules its
// timeouts (deadlock_timeout, statement_timeout, lock_timeout) on the wall
// clock, so a step back by N s — the jump itself, or the heal of a jump
// forward — postpones every pending one by N s: a deadlock then stays
// undetected that long. Longer jumps would only stall the run longer.
constexpr int64_t kMinJumpSeconds = 5;
constexpr int64_t kMaxJumpSeconds = 180;
constexpr uint64_t kClockSeedSalt = 0x636c6f636bULL;  // "clock"

class ClockFault : public FaultInjector {
 public:
  explicit ClockFault(FakeClock& clock) : clock_(clock), rng_(kClockSeedSalt) {}

  std::string intent() override {
    int64_t size = rng_.between(kMinJumpSeconds, kMaxJumpSeconds);
    jump_ = std::chrono::seconds(rng_.below(2) == 0 ? size : -size);
    return "jump the server's wall clock by " + std::to_string(jump_.count()) + " s";
  }

  std::string start() override {
    try {
      clock_.set_offset(jump_);
    } catch (const ClusterError& e) {
      throw FaultError(std::string("clock: ") + e.what());
    }
    return "offset " + std::to_string(jump_.count()) + " s written to " +
           clock_.rc_file().filename().string();
  }

  std::string heal() override {
    try {
      clock_.set_offset(std::chrono::seconds(0));
    } catch (const ClusterError& e) {
      throw FaultError(std::string("clock: healing: ") + e.what());
    }
    return "back to real time";
  }

 private:
  FakeClock& clock_;
  RandomStream rng_;
  std::chrono::seconds jump_{0};
};

}  // namespace

std::unique_ptr<FaultInjector> make_clock_fault(const NemesisTarget& target) {
  if (!target.cluster || !target.cluster->fake_clock())
    throw FaultError("clock needs the throwaway server running under libfaketime");
  return std::make_unique<ClockFault>(*target.cluster->fake_clock());
}

}  // namespace isocheck::runner
