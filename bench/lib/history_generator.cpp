#include "bench/lib/history_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <queue>
#include <stdexcept>
#include <vector>

#include "bench/lib/event_writer.h"
#include "checker/common/random_stream.h"
#include "bench/lib/simulated_database.h"
#include "checker/history/history_builder.h"

namespace isocheck::bench {
namespace {

enum class Phase : uint8_t { kInvoke, kApply, kComplete };

struct Scheduled {
  int64_t time;
  uint64_t seq;  // ties go to the earlier scheduled, so a run is deterministic
  uint32_t slot;
  Phase phase;

  bool operator>(const Scheduled& o) const { return time != o.time ? time > o.time : seq > o.seq; }
};

// One client: its current process and the transaction it has in flight.
// The buffers are reused from one transaction to the next.
struct ClientSlot {
  int64_t process = 0;
  TxnStatus outcome = TxnStatus::kOk;
  std::vector<PlannedMop> mops;
  ReadResults reads;
};

void validate(const GeneratorOptions& o) {
  auto bad = [](const std::string& why) { throw std::invalid_argument("generator: " + why); };
  if (o.workload != Workload::kListAppend && o.workload != Workload::kRwRegister)
    bad("workload must be list-append or rw-register");
  if (o.concurrency == 0) bad("concurrency must be at least 1");
  if (o.active_keys == 0) bad("keys must be at least 1");
  if (o.max_writes_per_key == 0) bad("max writes per key must be at least 1");
  if (o.min_mops == 0 || o.min_mops > o.max_mops || o.max_mops > 1000)
    bad(fmt::format("micro-ops per transaction {}..{} must satisfy 1 <= min <= max <= 1000",
                    o.min_mops, o.max_mops));
  for (double r : {o.read_fraction, o.fail_rate, o.info_rate})
    if (!(r >= 0.0 && r <= 1.0)) bad(fmt::format("rate {} is outside [0, 1]", r));
  if (o.fail_rate + o.info_rate > 1.0) bad("fail rate + info rate exceed 1");
  if (o.max_think_ns < 1 || o.max_service_ns < 1) bad("phase times must be at least 1 ns");
  if (o.inject && !can_inject(*o.inject, o.workload))
    bad(fmt::format("{} cannot be injected into a {} history", injected_anomaly_name(*o.inject),
                    workload_name(o.workload)));
}

class Simulation {
 public:
  explicit Simulation(const GeneratorOptions& o)
      : options_(o),
        rng_(o.seed),
        db_(o.workload, o.active_keys, o.max_writes_per_key),
        writer_(builder_),
        slots_(o.concurrency) {
    HistoryHeader& h = builder_.header();
    h.format_version = 1;
    h.workload = o.workload;
    h.isolation = "serializable";
    h.database_version = "isocheck simulated strict-serializable database";
    h.seed = o.seed;
    h.tool_version = "isocheck_gen " ISOCHECK_VERSION;
    if (o.inject) {
      recipe_ = find_recipe(*o.inject, o.workload);
      // A recipe with a final read belongs after the run, as final reads do.
      bool after_run = std::any_of(recipe_->txns.begin(), recipe_->txns.end(),
                                   [](const RecipeTxn& t) { return t.final_read; });
      inject_at_ = after_run ? kAfterRun : rng_.below(o.txns + 1);
    }
  }

  GeneratedHistory run() && {
    for (uint32_t s = 0; s < slots_.size(); ++s) {
      slots_[s].process = next_process_++;
      schedule(s, Phase::kInvoke, rng_.between(1, options_.max_think_ns));
    }
    while (!queue_.empty()) {
      if (recipe_ && !injected_ && started_ >= inject_at_) inject();
      Scheduled e = queue_.top();
      queue_.pop();
      switch (e.phase) {
        case Phase::kInvoke:
          invoke(e.slot, e.time);
          break;
        case Phase::kApply:
          apply(e.slot, e.time);
          break;
        case Phase::kComplete:
          complete(e.slot, e.time);
          break;
      }
    }
    if (recipe_ && !injected_) inject();
    if (options_.final_reads) final_reads();
    GeneratedHistory out;
    out.injected = injected_;
    out.history = std::move(builder_).finish();
    return out;
  }

 private:
  void schedule(uint32_t slot, Phase phase, int64_t time) {
    queue_.push({time, seq_++, slot, phase});
  }

  void inject() { injected_ = emit_recipe(*recipe_, writer_, db_, next_process_); }

  void invoke(uint32_t s, int64_t time) {
    if (started_ == options_.txns) return;  // this client is done
    ++started_;
    ClientSlot& slot = slots_[s];
    slot.mops.clear();
    auto n = rng_.between(options_.min_mops, options_.max_mops);
    for (int64_t i = 0; i < n; ++i)
      slot.mops.push_back(rng_.chance(options_.read_fraction) ? db_.plan_read(rng_)
                                                              : db_.plan_write(rng_));
    double r = static_cast<double>(rng_.next() >> 11) * 0x1.0p-53;
    slot.outcome = r < options_.fail_rate                        ? TxnStatus::kFail
                   : r < options_.fail_rate + options_.info_rate ? TxnStatus::kInfo
                                                                 : TxnStatus::kOk;
    int64_t at = writer_.begin(slot.process, EventType::kInvoke, time);
    for (const PlannedMop& m : slot.mops) builder_.add_mop(m.kind, m.key, m.value);
    writer_.end();
    schedule(s, Phase::kApply, at + rng_.between(1, options_.max_service_ns));
  }

  void apply(uint32_t s, int64_t time) {
    ClientSlot& slot = slots_[s];
    bool applies =
        slot.outcome == TxnStatus::kOk || (slot.outcome == TxnStatus::kInfo && rng_.chance(0.5));
    if (applies)
      db_.apply(slot.mops, slot.reads);
    else
      db_.discard(slot.mops);
    schedule(s, Phase::kComplete, time + rng_.between(1, options_.max_service_ns));
  }

  void complete(uint32_t s, int64_t time) {
    ClientSlot& slot = slots_[s];
    static constexpr EventType kTypeOf[] = {EventType::kOk, EventType::kFail, EventType::kInfo};
    int64_t at = writer_.begin(slot.process, kTypeOf[static_cast<int>(slot.outcome)], time);
    if (slot.outcome == TxnStatus::kOk) emit_results(slot);
    if (slot.outcome == TxnStatus::kFail)
      builder_.set_error("40001", "could not serialize access due to read/write dependencies");
    writer_.end();
    if (slot.outcome == TxnStatus::kInfo) slot.process = next_process_++;
    schedule(s, Phase::kInvoke, at + rng_.between(1, options_.max_think_ns));
  }

  void emit_results(const ClientSlot& slot) {
    for (size_t i = 0; i < slot.mops.size(); ++i) {
      const PlannedMop& m = slot.mops[i];
      const ReadResults::Result& r = slot.reads.per_mop[i];
      switch (m.kind) {
        case MopKind::kReadList:
          builder_.add_list_read(m.key, slot.reads.list(i));
          break;
        case MopKind::kReadRegister:
          builder_.add_register_read(m.key, r.value, r.is_nil);
          break;
        default:
          builder_.add_mop(m.kind, m.key, m.value);
          break;
      }
    }
  }

  void final_reads() {
    ClientSlot slot;
    slot.process = next_process_++;
    for (size_t k = 0; k < db_.active_keys().size(); ++k) slot.mops.push_back(db_.plan_read_at(k));
    int64_t at = writer_.begin(slot.process, EventType::kInvoke,
                               writer_.last_time() + options_.max_think_ns);
    builder_.set_final_read();
    for (const PlannedMop& m : slot.mops) builder_.add_mop(m.kind, m.key, 0);
    writer_.end();
    db_.apply(slot.mops, slot.reads);
    writer_.begin(slot.process, EventType::kOk, at + options_.max_service_ns);
    builder_.set_final_read();
    emit_results(slot);
    writer_.end();
  }

  const GeneratorOptions& options_;
  RandomStream rng_;
  SimulatedDatabase db_;
  HistoryBuilder builder_;
  EventWriter writer_;
  std::vector<ClientSlot> slots_;
  std::priority_queue<Scheduled, std::vector<Scheduled>, std::greater<>> queue_;
  uint64_t seq_ = 0;
  uint64_t started_ = 0;
  int64_t next_process_ = 0;
  static constexpr uint64_t kAfterRun = std::numeric_limits<uint64_t>::max();

  const AnomalyRecipe* recipe_ = nullptr;
  uint64_t inject_at_ = 0;  // clients' invocations before the recipe plays
  std::optional<InjectionSite> injected_;
};

}  // namespace

GeneratedHistory generate_history(const GeneratorOptions& options) {
  validate(options);
  return Simulation(options).run();
}

}  // namespace isocheck::bench
