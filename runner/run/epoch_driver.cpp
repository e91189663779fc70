#include "runner/run/epoch_driver.h"

#include <thread>

#include "runner/pg/pg_connection.h"

namespace isocheck::runner {
namespace {

constexpr std::chrono::seconds kClosingReadPatience{60};
constexpr std::chrono::milliseconds kFirstBackoff{100};
constexpr std::chrono::milliseconds kMaxBackoff{1000};

}  // namespace

EpochDriver::EpochDriver(std::chrono::milliseconds length, int clients, TxnGenerator& generator,
                         HistoryRecorder& recorder, const ClientLoopOptions& reader,
                         OnlineChecker& checker)
    : generator_(generator),
      recorder_(recorder),
      reader_(reader, recorder),
      checker_(checker),
      barrier_(clients, length, [this] { boundary(); }) {
  open(0);
}

void EpochDriver::open(int64_t key_low) {
  key_low_ = key_low;
  proto::Epoch mark;
  mark.set_number(number_);
  mark.set_phase(proto::Epoch::OPEN);
  mark.set_key_low(key_low);
  mark.set_key_end(key_low);
  recorder_.record_epoch(mark);
  open_ = true;
}

void EpochDriver::closing_read(int64_t key_low, int64_t key_end) {
  const auto give_up = std::chrono::steady_clock::now() + kClosingReadPatience;
  std::chrono::milliseconds backoff = kFirstBackoff;
  const int64_t process = -1 - static_cast<int64_t>(number_);
  while (true) {
    try {
      reader_.read_range(key_low, key_end, process);
      return;
    } catch (const PgError&) {
      if (std::chrono::steady_clock::now() + backoff > give_up) throw;
    }
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, kMaxBackoff);
  }
}

void EpochDriver::close_current() {
  const int64_t key_end = generator_.key_count();
  closing_read(key_low_, key_end);
  proto::Epoch mark;
  mark.set_number(number_);
  mark.set_phase(proto::Epoch::CLOSED);
  mark.set_key_low(key_low_);
  mark.set_key_end(key_end);
  recorder_.record_epoch(mark);
  ranges_.emplace_back(key_low_, key_end);
  open_ = false;
  ++number_;
  checker_.epoch_closed();
}

void EpochDriver::boundary() {
  try {
    close_current();
    open(generator_.start_fresh_keys());
  } catch (...) {
    failed_.store(true);
    throw;
  }
}

void EpochDriver::close_last() {
  if (open_) close_current();
}

void EpochDriver::record_final_reads(int64_t process) {
  for (const auto& [low, end] : ranges_)
    if (end > low) reader_.read_range(low, end, process);
}

}  // namespace isocheck::runner
