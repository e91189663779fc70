// Whether a run's connections really ran at the isolation level it asked
// for. Each connection records what `SHOW transaction_isolation` answered
// inside a transaction begun as its transactions are (History::sessions);
// a pooler that hands transactions to other server connections loses a
// session-level SET, and a server default can override a client that
// does not name its level. A history judged against a level its
// connections did not run at says nothing about that level.
#pragma once

#include <optional>
#include <string>

#include "checker/history/history.h"

namespace isocheck {

// One line naming how many connections ran at which other level ("3 of 4
// connections ran at read committed, not serializable as the run asked"),
// or nullopt when every recorded session matches the header's level (or
// nothing was recorded: histories from before sessions, Jepsen's).
std::optional<std::string> effective_isolation_problem(const History& h);

}  // namespace isocheck
