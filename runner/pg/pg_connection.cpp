#include "runner/pg/pg_connection.h"

#include <charconv>
#include <string>

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

}  // namespace

PgConnection::PgConnection(const std::string& conninfo, std::chrono::seconds connect_timeout,
                           const std::string& application_name)
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
  conn_.reset(PQconnectdbParams(keys.data(), values.data(), 1));
  if (!conn_) throw PgError("cannot connect: out of memory", "", true);
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    std::string reason = first_line(PQerrorMessage(conn_.get()));
    if (!facts.has_connect_timeout && reason.find("timeout expired") != std::string::npos)
      reason += " (after " + timeout + " s; set connect_timeout in the DSN to wait longer)";
    throw PgError("cannot connect: " + reason, "", true);
  }
  PQsetNoticeReceiver(conn_.get(), &PgConnection::receive_notice, this);
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

void PgConnection::set_statement_timeout(std::chrono::milliseconds timeout) {
  exec("SET statement_timeout = " + std::to_string(timeout.count()));
}

const std::string* PgConnection::remembered_statement(const std::string& name) const {
  auto it = remembered_.find(name);
  return it == remembered_.end() ? nullptr : &it->second;
}

}  // namespace isocheck::runner
