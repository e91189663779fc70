#include "runner/progress/progress_display.h"

#include <fmt/format.h>
#include <unistd.h>

namespace isocheck::runner {

std::string format_progress_line(const ProgressPlan& plan, const ProgressCounts& counts,
                                 std::chrono::steady_clock::duration elapsed,
                                 std::optional<CheckTally> checked) {
  double seconds = std::chrono::duration<double>(elapsed).count();
  double rate = seconds > 0 ? static_cast<double>(counts.total()) / seconds : 0.0;
  std::string left = "";
  if (plan.duration) {
    double planned = std::chrono::duration<double>(*plan.duration).count();
    left = fmt::format(", {:6.1f}s left", std::max(0.0, planned - seconds));
  } else if (plan.transactions) {
    uint64_t to_go = *plan.transactions > counts.total() ? *plan.transactions - counts.total() : 0;
    left = rate > 0 ? fmt::format(", {:6.1f}s left", static_cast<double>(to_go) / rate)
                    : std::string(",      ?s left");
  }
  double aborts =
      counts.total() > 0 ? 100.0 * static_cast<double>(counts.fail) / counts.total() : 0.0;
  std::string line =
      fmt::format("[{:6.1f}s elapsed{}] {:7.0f} txn/s  ok {}  fail {}  info {}  aborts {:.1f}%",
                  seconds, left, rate, counts.ok, counts.fail, counts.info, aborts);
  if (checked)
    line += fmt::format("  epochs {} checked, {} anomalies", checked->epochs, checked->anomalies);
  return line;
}

ProgressDisplay::ProgressDisplay(ProgressPlan plan, bool quiet, std::FILE* out)
    : plan_(std::move(plan)),
      quiet_(quiet),
      out_(out),
      live_(!quiet && ::isatty(::fileno(out)) == 1),
      start_(std::chrono::steady_clock::now()) {
  if (live_) redrawer_ = std::thread(&ProgressDisplay::redraw_periodically, this);
}

ProgressDisplay::~ProgressDisplay() { finish(); }

ProgressCounts ProgressDisplay::counts() const {
  return {ok_.load(std::memory_order_relaxed), fail_.load(std::memory_order_relaxed),
          info_.load(std::memory_order_relaxed)};
}

void ProgressDisplay::draw(bool final_line) {
  std::optional<CheckTally> checked;
  if (checking_.load(std::memory_order_relaxed))
    checked = CheckTally{epochs_checked_.load(std::memory_order_relaxed),
                         anomalies_.load(std::memory_order_relaxed)};
  std::string line =
      format_progress_line(plan_, counts(), std::chrono::steady_clock::now() - start_, checked);
  // \x1b[K clears what a longer previous line left on the terminal.
  if (live_) std::fputs("\r\x1b[K", out_);
  std::fputs(line.c_str(), out_);
  if (final_line) std::fputc('\n', out_);
  std::fflush(out_);
}

void ProgressDisplay::redraw_periodically() {
  std::unique_lock lock(mutex_);
  while (!finished_) {
    wake_.wait_for(lock, kRedrawInterval);
    if (!finished_) draw(false);
  }
}

void ProgressDisplay::finish() {
  {
    std::lock_guard lock(mutex_);
    if (finished_) return;
    finished_ = true;
  }
  wake_.notify_all();
  if (redrawer_.joinable()) redrawer_.join();
  if (!quiet_) draw(true);
}

}  // namespace isocheck::runner
