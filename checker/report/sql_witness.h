// witness_sql: a witness written as the SQL its transactions ran, one
// statement a line, interleaved in the order the server answered them (see
// witness_statements.h) — the form a PostgreSQL developer asks for first,
// ready to paste into a bug report.
//
// A preamble names the anomaly, the server version and its non-default
// settings, the table, the rows the witness's reads show before it ran
// (witness_state.h) and each transaction's process and backend pid. Each
// line carries when its answer arrived and how long it took (when recorded)
// and the answer itself as a comment, so the text can be replayed in psql
// sessions by hand. A history without SQL shows micro-ops as comments; one
// without statement times says that the interleaving is not known.
#pragma once

#include <string>

#include "checker/anomaly/anomaly.h"
#include "checker/formats/recorded_events.h"
#include "checker/history/history.h"

namespace isocheck {

std::string witness_sql(const History& h, const Anomaly& a, const RecordedEvents& events);

}  // namespace isocheck
