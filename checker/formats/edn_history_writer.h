// write_edn_history: writes a History as Jepsen writes history.edn — no
// header, one op map per line in index order, :f :txn:
//
//   {:type :invoke, :f :txn, :value [[:append 9 1] [:r 8 nil]], :time 3291485317, :process 0,
//   :index 0}
//   {:type :fail, :f :txn, :value [[:append 9 1] [:r 8 nil]], :time 3291485999, :process 0, :index
//   1, :error [:sqlstate "40001" "could not serialize access"]}
//
// Errors are written as [:sqlstate "<code>" "<message>"] (a plain string
// when there is no SQLSTATE); final reads carry :final-read? true. What
// EDN cannot carry: the header, and the difference between a nil read and
// an unknown one (an :ok completion's nil reads back as nil, a :fail /
// :info completion's as unknown; see edn_history_reader.h). Throws
// std::runtime_error naming the path on I/O failure.
#pragma once

#include <string>

#include "checker/history/history.h"

namespace isocheck {

void write_edn_history(const History& h, const std::string& path);

}  // namespace isocheck
