// PgConnection and PgResult: thin RAII owners of libpq's PGconn and PGresult.
//
// They exist so that no other runner code calls PQfinish / PQclear by hand
// and so that every server error arrives as a PgError carrying its SQLSTATE,
// which is what the runner classifies outcomes by (40001 / 40P01 -> fail,
// lost connection -> info). Not thread-safe: one connection per client.
#pragma once

#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace isocheck::runner {

// A failed command or connection. `sqlstate` is empty when the server sent
// none (connection lost, could not connect); `connection_lost` is true when
// the connection is no longer usable.
class PgError : public std::runtime_error {
 public:
  PgError(std::string message, std::string sqlstate, bool connection_lost)
      : std::runtime_error(std::move(message)),
        sqlstate_(std::move(sqlstate)),
        connection_lost_(connection_lost) {}
  const std::string& sqlstate() const { return sqlstate_; }
  bool connection_lost() const { return connection_lost_; }

 private:
  std::string sqlstate_;
  bool connection_lost_;
};

class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r, &PQclear) {}
  int rows() const { return PQntuples(r_.get()); }
  int columns() const { return PQnfields(r_.get()); }
  bool is_null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::string_view text(int row, int col) const {
    return {PQgetvalue(r_.get(), row, col), static_cast<size_t>(PQgetlength(r_.get(), row, col))};
  }
  int64_t int64(int row, int col) const;  // throws PgError on a non-integer
  PGresult* get() const { return r_.get(); }

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> r_;
};

class PgConnection {
 public:
  // Connects with a libpq conninfo string ("host=... port=..." or a URI).
  // Throws PgError on failure. `connect_timeout` bounds the attempt (for
  // URIs too); a non-empty `application_name` overrides the conninfo's.
  // On a fiber (runner/fiber) the attempt suspends only that fiber, and the
  // timeout bounds it across all hosts of a multi-host conninfo; elsewhere
  // libpq's blocking connect runs, bounding each host. The connection is
  // left in libpq's non-blocking mode (bounded_exec.h flushes for it).
  // `give_up`, when set, ends an attempt on a fiber as soon as it turns true
  // (the run is stopping: a new connection would not be used).
  explicit PgConnection(const std::string& conninfo,
                        std::chrono::seconds connect_timeout = std::chrono::seconds(10),
                        const std::string& application_name = "",
                        const std::atomic<bool>* give_up = nullptr);
  PgConnection(PgConnection&&) = delete;

  // The server's notices and warnings since the last call, one per line, in
  // arrival order (at most the last few); cleared by the call. libpq also
  // delivers here the FATAL a server sends to an idle connection before
  // closing it ("terminating connection due to administrator command"),
  // which would otherwise go raw to stderr.
  std::string take_notices();

  // Reads, without waiting, whatever the server sent while the connection
  // was idle: a FATAL sent just before it closed the connection then lands
  // in take_notices() — sending the next statement first would typically
  // meet a reset connection and lose it. Returns false when the connection
  // is no longer usable.
  bool consume_pending_input();

  // Runs one statement (simple protocol); throws PgError on any error.
  PgResult exec(const std::string& sql);
  // Runs one statement with text parameters ($1, $2 ...), extended protocol.
  PgResult exec_params(const std::string& sql, const std::vector<std::string>& params);

  // From now on prepare_statement() (bounded_exec.h) only remembers the SQL
  // and each execution sends it whole as an unnamed statement: a pooler
  // that hands every transaction another server connection (PgBouncer's
  // transaction pooling before 1.21) does not carry named prepared
  // statements from one to the next.
  void use_unnamed_statements() { unnamed_statements_ = true; }
  bool unnamed_statements() const { return unnamed_statements_; }
  // The SQL remembered for `name` in unnamed-statement mode; nullptr if none.
  const std::string* remembered_statement(const std::string& name) const;
  void remember_statement(const std::string& name, const std::string& sql) {
    remembered_[name] = sql;
  }

  int server_version() const { return PQserverVersion(conn_.get()); }
  int backend_pid() const { return PQbackendPID(conn_.get()); }
  bool ok() const { return PQstatus(conn_.get()) == CONNECTION_OK; }
  PGconn* get() const { return conn_.get(); }

 private:
  PgResult check(PGresult* r);
  static void receive_notice(void* self, const PGresult* notice);
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
  std::vector<std::string> notices_;
  bool unnamed_statements_ = false;
  std::map<std::string, std::string> remembered_;
};

}  // namespace isocheck::runner
