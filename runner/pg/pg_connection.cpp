#include "runner/pg/pg_connection.h"

#include <charconv>
#include <string>

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

PgConnection::PgConnection(const std::string& conninfo, std::chrono::seconds connect_timeout)
    : conn_(nullptr, &PQfinish) {
  std::string full = conninfo;
  // A URI cannot take key=value suffixes; libpq's default (no timeout) then applies
  // unless the URI says otherwise.
  bool is_uri = conninfo.starts_with("postgres://") || conninfo.starts_with("postgresql://");
  if (!is_uri) full += " connect_timeout=" + std::to_string(connect_timeout.count());
  conn_.reset(PQconnectdb(full.c_str()));
  if (!conn_) throw PgError("cannot connect: out of memory", "", true);
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    throw PgError("cannot connect: " + first_line(PQerrorMessage(conn_.get())), "", true);
  }
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

}  // namespace isocheck::runner
