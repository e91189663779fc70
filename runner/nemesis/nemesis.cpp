#include "runner/nemesis/nemesis.h"

#include "checker/common/random_stream.h"

namespace isocheck::runner {
namespace {

// Distinct from the generator's use of the same --seed.
constexpr uint64_t kNemesisSeedSalt = 0x6e656d65736973ULL;  // "nemesis"

std::chrono::milliseconds draw(RandomStream& rng, std::chrono::milliseconds lo,
                               std::chrono::milliseconds hi) {
  return std::chrono::milliseconds(rng.between(lo.count(), hi.count()));
}

}  // namespace

Nemesis::Nemesis(const NemesisOptions& options, const NemesisTarget& target,
                 HistoryRecorder& recorder, std::atomic<bool>& failed)
    : options_(options), target_(target), recorder_(recorder), failed_(failed) {
  for (FaultKind kind : options_.kinds) injectors_.push_back(fault_kind_info(kind).make(target_));
}

Nemesis::~Nemesis() { stop(); }

void Nemesis::start() {
  if (injectors_.empty() || thread_.joinable()) return;
  thread_ = std::thread(&Nemesis::run, this);
}

void Nemesis::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::string Nemesis::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

bool Nemesis::wait(std::chrono::milliseconds d) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, d, [&] { return stopping_; });
}

void Nemesis::record(FaultKind kind, bool heal, const std::string& detail) {
  proto::Fault f;
  f.set_kind(std::string(fault_kind_info(kind).name));
  f.set_phase(heal ? proto::Fault::HEAL : proto::Fault::START);
  f.set_target(target_.name);
  f.set_detail(detail);
  recorder_.record_fault(f);
}

void Nemesis::inject(size_t which, std::chrono::milliseconds hold) {
  FaultKind kind = options_.kinds[which];
  FaultInjector& injector = *injectors_[which];
  record(kind, false, injector.intent());
  ++started_;
  std::string outcome;
  try {
    outcome = injector.start();
  } catch (const FaultError& e) {
    // Whatever half happened is undone as far as it can be.
    try {
      injector.heal();
    } catch (const FaultError&) {
    }
    record(kind, true, std::string("start failed: ") + e.what());
    throw;
  }
  // Held even when stop() interrupts the hold: heal comes next either way.
  if (hold.count() > 0) wait(hold);
  std::string healed = injector.heal();
  record(kind, true, outcome + "; " + healed);
}

void Nemesis::run() {
  RandomStream rng(options_.seed ^ kNemesisSeedSalt);
  const auto interval = options_.interval;
  try {
    while (true) {
      if (!wait(draw(rng, interval / 2, interval * 3 / 2))) return;
      size_t which = rng.below(injectors_.size());
      const FaultKindInfo& info = fault_kind_info(options_.kinds[which]);
      inject(which, draw(rng, info.min_hold, info.max_hold));
    }
  } catch (const std::exception& e) {
    std::lock_guard lock(mutex_);
    error_ = std::string("nemesis: ") + e.what();
    failed_ = true;
  }
}

}  // namespace isocheck::runner
