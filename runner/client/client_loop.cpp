#include "runner/client/client_loop.h"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <optional>
#include <thread>
#include <vector>

#include "runner/fiber/blocking_wait.h"
#include "runner/fiber/fiber_scheduler.h"
#include "runner/workload/mop_encoding.h"
#include "runner/workload/txn_executor.h"

namespace isocheck::runner {

namespace {

enum class Outcome { kOk, kFail, kInfo };

constexpr const char* kStoppedMessage =
    "run stopped while the transaction was in flight (its grace period ran out)";
constexpr std::chrono::milliseconds kMaxReconnectBackoff{1000};
constexpr std::chrono::milliseconds kPollInterval{10};

bool is_serialization_failure(const std::string& sqlstate) {
  return sqlstate == "40001" || sqlstate == "40P01";
}

// One client slot: a fiber with its own connection, running transactions
// under one logical process at a time.
class ClientSlot {
 public:
  // `stop`: start no more transactions; `abandon`: give up the one in flight.
  ClientSlot(const ClientLoopOptions& options, int64_t slot, TxnGenerator& generator,
             std::mutex& generator_mutex, HistoryRecorder& recorder, const std::atomic<bool>& stop,
             const std::atomic<bool>& abandon)
      : options_(options),
        slot_(slot),
        generator_(generator),
        generator_mutex_(generator_mutex),
        recorder_(recorder),
        stop_(stop) {
    limits_.stop = &abandon;
    begin_sql_ = begin_statement(options_.isolation, options_.isolation_request);
    if (options_.statement_timeout.count() > 0) {
      limits_.timeout = options_.statement_timeout * 2 + std::chrono::seconds(1);
    }
  }

  void run() {
    while (!stop_.load(std::memory_order_relaxed)) {
      if (options_.epochs) options_.epochs->pass(stop_);
      if (stop_.load(std::memory_order_relaxed)) break;
      if (!executor_ && !connect()) continue;
      // Connecting takes a while: the run may have ended meanwhile.
      if (stop_.load(std::memory_order_relaxed)) break;
      {
        std::lock_guard lock(generator_mutex_);
        generator_.next(plan_);
      }
      for (int attempt = 0;; ++attempt) {
        std::string sqlstate;
        Outcome outcome = run_once(sqlstate);
        if (outcome != Outcome::kFail || !is_serialization_failure(sqlstate) ||
            attempt >= options_.retry || !executor_ || stop_.load(std::memory_order_relaxed)) {
          break;
        }
        std::lock_guard lock(generator_mutex_);
        generator_.refresh_values(plan_);
      }
    }
  }

  ClientCounts counts() const { return counts_; }

 private:
  int64_t process() const { return generation_ * options_.total_slots + slot_; }

  void drop_connection() {
    keep_notices();
    executor_.reset();
    conn_.reset();
  }

  // Opens a connection and prepares the workload's statements. On failure
  // waits (with backoff, ended early by stop) and returns false.
  bool connect() {
    try {
      conn_.emplace(options_.conninfo, options_.connect_timeout, options_.application_name, &stop_);
      if (options_.unnamed_statements) conn_->use_unnamed_statements();
      if (options_.isolation_request == IsolationRequest::kSession)
        exec_bounded(*conn_, session_statement(options_.isolation), limits_);
      record_effective_isolation();
      if (options_.statement_timeout.count() > 0) {
        const std::string set_timeout =
            "SET statement_timeout = " + std::to_string(options_.statement_timeout.count());
        exec_bounded(*conn_, set_timeout.c_str(), limits_);
      }
      executor_.emplace(*conn_, options_.workload, options_.table, limits_);
      backoff_ = std::chrono::milliseconds(0);
      return true;
    } catch (const PgError&) {
      drop_connection();
    }
    backoff_ = std::clamp(backoff_ * 2, std::chrono::milliseconds(20), kMaxReconnectBackoff);
    auto until = std::chrono::steady_clock::now() + backoff_;
    while (!stop_.load(std::memory_order_relaxed) && std::chrono::steady_clock::now() < until) {
      sleep_until(std::min(until, std::chrono::steady_clock::now() + kPollInterval));
    }
    return false;
  }

  // The level this connection's transactions really run at, asked inside
  // one begun as they are (outside a transaction SHOW would give only the
  // session default, which BEGIN ISOLATION LEVEL overrides). The value of
  // `SHOW transaction_isolation`, with the pid of the backend that answered:
  // through a pooler, libpq's PQbackendPID is the pooler's, not a server's.
  void record_effective_isolation() {
    exec_bounded(*conn_, begin_sql_, limits_);
    PgResult level = exec_bounded(
        *conn_, "SELECT current_setting('transaction_isolation'), pg_backend_pid()", limits_);
    exec_bounded(*conn_, "COMMIT", limits_);
    proto::Session session;
    session.set_process(process());
    if (level.rows() == 1) {
      session.set_level(std::string(level.text(0, 0)));
      session.set_backend_pid(std::atoi(std::string(level.text(0, 1)).c_str()));
    }
    recorder_.record_session(session);
  }

  void keep_notices() {
    if (!conn_) return;
    std::string more = conn_->take_notices();
    if (!more.empty()) notices_ += (notices_.empty() ? "" : "; ") + more;
  }

  void record_invoke() {
    conn_->take_notices();
    notices_.clear();
    // A FATAL that arrived while idle (a terminated backend) becomes a notice
    // of this transaction, which is about to fail on that connection.
    conn_->consume_pending_input();
    invoke_.set_process(process());
    invoke_.set_type(proto::Event::INVOKE);
    set_planned_mops(plan_, invoke_);
    recorder_.record(invoke_);
  }

  void record_completion(proto::Event::Type type, const std::string& sqlstate,
                         const std::string& message) {
    completion_.set_process(process());
    completion_.set_type(type);
    if (type != proto::Event::OK) completion_.mutable_mops()->Clear();
    completion_.set_sqlstate(sqlstate);
    keep_notices();
    completion_.set_message(type == proto::Event::OK || notices_.empty()
                                ? message
                                : message + " [server: " + notices_ + "]");
    recorder_.record(completion_);
  }

  // Ends a failed transaction on a connection that may still be usable; a
  // connection that cannot even roll back is dropped.
  void roll_back() {
    try {
      exec_bounded(*conn_, "ROLLBACK", limits_);
    } catch (const PgError&) {
      drop_connection();
    }
  }

  Outcome run_once(std::string& sqlstate) {
    record_invoke();
    bool commit_sent = false;
    completion_.set_backend_pid(conn_->backend_pid());
    completion_.set_begin_received_ns(0);
    completion_.set_commit_sent_ns(0);
    try {
      completion_.set_begin_sent_ns(now_ns());
      exec_bounded(*conn_, begin_sql_, limits_);
      completion_.set_begin_received_ns(now_ns());
      if (executor_->run(plan_, completion_, limits_) == TxnEffect::kSkipped) {
        roll_back();
        return finish(Outcome::kFail, "", executor_->skipped_message());
      }
      commit_sent = true;
      completion_.set_commit_sent_ns(now_ns());
      PgResult r = exec_bounded(*conn_, "COMMIT", limits_);
      // COMMIT of a transaction the server had already aborted answers
      // ROLLBACK instead of an error.
      if (std::string_view(PQcmdStatus(r.get())) == "ROLLBACK") {
        return finish(Outcome::kFail, "", "COMMIT answered ROLLBACK");
      }
      return finish(Outcome::kOk, "", "");
    } catch (const AbandonedWait& e) {
      drop_connection();
      if (e.abandon_reason() == AbandonReason::kStopped)
        return finish(Outcome::kInfo, "", kStoppedMessage);
      return finish(commit_sent ? Outcome::kInfo : Outcome::kFail, "", e.what());
    } catch (const PgError& e) {
      sqlstate = e.sqlstate();
      if (e.connection_lost()) {
        drop_connection();
        return finish(commit_sent ? Outcome::kInfo : Outcome::kFail, sqlstate, e.what());
      }
      if (!commit_sent) {
        roll_back();
        return finish(Outcome::kFail, sqlstate, e.what());
      }
      // An error answering COMMIT: class 40 means the server rolled the
      // transaction back; anything else leaves the outcome unknown.
      if (sqlstate.starts_with("40")) return finish(Outcome::kFail, sqlstate, e.what());
      drop_connection();
      return finish(Outcome::kInfo, sqlstate, e.what());
    }
  }

  Outcome finish(Outcome outcome, const std::string& sqlstate, const std::string& message) {
    static constexpr proto::Event::Type kTypes[] = {proto::Event::OK, proto::Event::FAIL,
                                                    proto::Event::INFO};
    record_completion(kTypes[static_cast<int>(outcome)], sqlstate, message);
    switch (outcome) {
      case Outcome::kOk:
        ++counts_.ok;
        if (options_.progress) options_.progress->add_ok();
        break;
      case Outcome::kFail:
        ++counts_.fail;
        if (options_.progress) options_.progress->add_fail();
        break;
      case Outcome::kInfo:
        ++counts_.info;
        if (options_.progress) options_.progress->add_info();
        // A process whose outcome is unknown never invokes again.
        drop_connection();
        counts_.max_generation = ++generation_;
        break;
    }
    return outcome;
  }

  const ClientLoopOptions& options_;
  const int64_t slot_;
  TxnGenerator& generator_;
  std::mutex& generator_mutex_;
  HistoryRecorder& recorder_;
  const std::atomic<bool>& stop_;
  WaitLimits limits_;
  std::optional<PgConnection> conn_;
  const char* begin_sql_ = nullptr;
  std::optional<TxnExecutor> executor_;
  std::chrono::milliseconds backoff_{0};
  std::string notices_;  // of the transaction in flight, from dropped connections too
  int64_t generation_ = 0;
  TxnPlan plan_;
  proto::Event invoke_, completion_;
  ClientCounts counts_;
};

}  // namespace

ClientCounts run_clients(const ClientLoopOptions& options, TxnGenerator& generator,
                         HistoryRecorder& recorder, const std::atomic<bool>& stop) {
  std::mutex generator_mutex;
  std::atomic<bool> abandon{false};
  std::vector<std::unique_ptr<ClientSlot>> slots;
  for (int i = 0; i < options.clients; ++i) {
    slots.push_back(std::make_unique<ClientSlot>(options, options.first_slot + i, generator,
                                                 generator_mutex, recorder, stop, abandon));
  }
  std::vector<std::exception_ptr> errors(slots.size());
  std::atomic<size_t> running{slots.size()};
  auto run_slot = [&](size_t i) {
    try {
      slots[i]->run();
    } catch (...) {
      errors[i] = std::current_exception();
    }
    try {
      if (options.epochs) options.epochs->leave(stop);
    } catch (...) {
      if (!errors[i]) errors[i] = std::current_exception();
    }
    --running;
  };
  // Slot i runs as a fiber on thread i mod `threads`.
  const size_t thread_count = std::clamp<size_t>(options.threads, 1, slots.size());
  std::vector<std::exception_ptr> thread_errors(thread_count);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      FiberScheduler scheduler;
      try {
        for (size_t i = t; i < slots.size(); i += thread_count)
          scheduler.spawn([&run_slot, i] { run_slot(i); });
      } catch (...) {
        // No room for a fiber's stack: none of this thread's clients runs,
        // and the others must not wait for them (epochs, grace).
        thread_errors[t] = std::current_exception();
        for (size_t i = t; i < slots.size(); i += thread_count) {
          if (options.epochs) options.epochs->leave(stop);
          --running;
        }
        return;
      }
      // run_slot lets no exception out, so neither does run().
      scheduler.run();
    });
  }
  // The grace period: from the stop until every client is done, or until it
  // runs out and the clients still waiting for the server give up.
  std::thread grace([&] {
    while (running.load() > 0 && !stop.load()) std::this_thread::sleep_for(kPollInterval);
    const auto deadline = std::chrono::steady_clock::now() + options.stop_grace;
    while (running.load() > 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(kPollInterval);
    abandon.store(true);
  });
  for (std::thread& t : threads) t.join();
  grace.join();
  for (const std::exception_ptr& e : thread_errors) {
    if (e) std::rethrow_exception(e);
  }
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  ClientCounts total;
  for (const auto& s : slots) {
    ClientCounts c = s->counts();
    total.ok += c.ok;
    total.fail += c.fail;
    total.info += c.info;
    total.max_generation = std::max(total.max_generation, c.max_generation);
  }
  return total;
}

}  // namespace isocheck::runner
