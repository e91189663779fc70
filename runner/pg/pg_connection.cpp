#include "runner/pg/pg_connection.h"

#include <poll.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <string>

#include "runner/fiber/blocking_wait.h"
#include "runner/pg/conninfo_facts.h"
#include "runner/pg/result_check.h"

namespace isocheck::runner {

int64_t PgResult::int64(int row, int col) const {
  std::string_view t = text(row, col);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size()) {
    throw PgError("row " + std::to_string(row) + " column " + std::to_string(col) +
                      ": expected an integer, got '" + std::string(t) + "'",
                  "", false);
  }
  return v;
}

namespace {

// Notices kept between two take_notices() calls; older ones are dropped.
constexpr size_t kMaxNotices = 4;
constexpr std::chrono::milliseconds kGiveUpPoll{50};

// The connect_timeout libpq will use for `conn` (the conninfo's, or the one
// passed beside it), as libpq reads it: none when absent or <= 0, and at
// least 2 s.
std::optional<std::chrono::seconds> effective_connect_timeout(PGconn* conn) {
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfo(conn),
                                                                       &PQconninfoFree);
  for (PQconninfoOption* o = options.get(); o && o->keyword; ++o) {
    if (std::string_view(o->keyword) != "connect_timeout" || !o->val) continue;
    long seconds = std::strtol(o->val, nullptr, 10);
    if (seconds <= 0) return std::nullopt;
    return std::chrono::seconds(std::max(seconds, 2L));
  }
  return std::nullopt;
}

// libpq's PQconnectdbParams waits for the server inside libpq, blocking the
// thread; on a fiber the attempt is driven with PQconnectPoll and the
// waits suspend only this fiber, so a connect that hangs (a frozen or
// partitioned server) does not stall the thread's other clients. Here
// connect_timeout bounds the whole attempt, over every host of a
// multi-host conninfo (libpq's own loop bounds each host), and `give_up`
// is looked at every 50 ms. Returns why it stopped waiting.
enum class ConnectWait { kDone, kTimedOut, kGivenUp };
ConnectWait finish_connect_on_fiber(PGconn* conn, const std::atomic<bool>* give_up) {
  if (PQstatus(conn) == CONNECTION_BAD) return ConnectWait::kDone;
  const std::optional<std::chrono::seconds> timeout = effective_connect_timeout(conn);
  const WaitClock::time_point deadline =
      timeout ? WaitClock::now() + *timeout : WaitClock::time_point::max();
  PostgresPollingStatusType state = PGRES_POLLING_WRITING;
  while (state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED) {
    const short events = state == PGRES_POLLING_READING ? POLLIN : POLLOUT;
    int revents = 0;
    while (revents == 0) {
      if (give_up && give_up->load(std::memory_order_relaxed)) return ConnectWait::kGivenUp;
      const WaitClock::time_point now = WaitClock::now();
      if (now >= deadline) return ConnectWait::kTimedOut;
      revents = wait_for_socket(PQsocket(conn), events, std::min(deadline, now + kGiveUpPoll));
    }
    state = PQconnectPoll(conn);
  }
  return ConnectWait::kDone;
}

}  // namespace

PgConnection::PgConnection(const std::string& conninfo, std::chrono::seconds connect_timeout,
                           const std::string& application_name, const std::atomic<bool>* give_up)
    : conn_(nullptr, &PQfinish) {
  ConninfoFacts facts = inspect_conninfo(conninfo);
  // With expand_dbname, "dbname" carries the whole conninfo (key=value or
  // URI); the keywords after it override what it says — so the default
  // timeout is passed only when the conninfo names none.
  std::string timeout = std::to_string(connect_timeout.count());
  std::vector<const char*> keys = {"dbname"};
  std::vector<const char*> values = {conninfo.c_str()};
  if (!facts.has_connect_timeout) {
    keys.push_back("connect_timeout");
    values.push_back(timeout.c_str());
  }
  if (!application_name.empty()) {
    keys.push_back("application_name");
    values.push_back(application_name.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  ConnectWait wait = ConnectWait::kDone;
  if (on_fiber()) {
    conn_.reset(PQconnectStartParams(keys.data(), values.data(), 1));
    if (conn_) wait = finish_connect_on_fiber(conn_.get(), give_up);
  } else {
    conn_.reset(PQconnectdbParams(keys.data(), values.data(), 1));
  }
  if (!conn_) throw PgError("cannot connect: out of memory", "", true);
  if (wait == ConnectWait::kGivenUp) throw PgError("cannot connect: the run is stopping", "", true);
  const bool timed_out = wait == ConnectWait::kTimedOut;
  if (timed_out || PQstatus(conn_.get()) != CONNECTION_OK) {
    std::string reason = timed_out ? "timeout expired" : first_line(PQerrorMessage(conn_.get()));
    if (!facts.has_connect_timeout && reason.find("timeout expired") != std::string::npos)
      reason += " (after " + timeout + " s; set connect_timeout in the DSN to wait longer)";
    throw PgError("cannot connect: " + reason, "", true);
  }
  PQsetNoticeReceiver(conn_.get(), &PgConnection::receive_notice, this);
  // bounded_exec.h flushes what libpq could not send at once; PQexec ignores
  // the mode. Closing never waits for a server that stopped reading.
  PQsetnonblocking(conn_.get(), 1);
}

void PgConnection::receive_notice(void* self, const PGresult* notice) {
  auto& notices = static_cast<PgConnection*>(self)->notices_;
  if (notices.size() == kMaxNotices) notices.erase(notices.begin());
  notices.push_back(first_line(PQresultErrorMessage(notice)));
}

bool PgConnection::consume_pending_input() {
  bool read = PQconsumeInput(conn_.get()) == 1;
  // PQconsumeInput only buffers; PQisBusy parses, which hands an error that
  // arrived while idle to the notice receiver.
  PQisBusy(conn_.get());
  return read && PQstatus(conn_.get()) == CONNECTION_OK;
}

std::string PgConnection::take_notices() {
  std::string joined;
  for (const std::string& n : notices_) joined += (joined.empty() ? "" : "; ") + n;
  notices_.clear();
  return joined;
}

PgResult PgConnection::check(PGresult* r) { return checked_result(conn_.get(), r); }

PgResult PgConnection::exec(const std::string& sql) {
  return check(PQexec(conn_.get(), sql.c_str()));
}

PgResult PgConnection::exec_params(const std::string& sql, const std::vector<std::string>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const std::string& p : params) values.push_back(p.c_str());
  return check(PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                            values.data(), nullptr, nullptr, 0));
}

const std::string* PgConnection::remembered_statement(const std::string& name) const {
  auto it = remembered_.find(name);
  return it == remembered_.end() ? nullptr : &it->second;
}

}  // namespace isocheck::runner
