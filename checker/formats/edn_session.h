// A connection's effective isolation level (Session) in EDN, an isocheck
// extension like the header op (edn_header.h): an op of the keyword process
// :isocheck, which Jepsen's tools skip as a non-client op:
//   {:type :info, :process :isocheck, :f :session,
//    :isocheck/session {:process 3, :backend-pid 4711,
//                       :level "read committed", :time 1234}}
#pragma once

#include <string>
#include <string_view>

#include "checker/formats/edn_scanner.h"
#include "checker/history/session.h"

namespace isocheck {

inline constexpr std::string_view kEdnSessionKey = "isocheck/session";

// Parses the map after :isocheck/session; unknown keys are skipped. Throws
// what the scanner throws (naming the key for a value of the wrong kind).
void parse_edn_session(EdnScanner& s, Session& out);

// The whole op, one line with its newline.
std::string edn_session_line(const Session& session);

}  // namespace isocheck
