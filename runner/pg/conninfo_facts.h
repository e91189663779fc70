// inspect_conninfo: what the runner must know about a libpq connection
// string before connecting with it, and the one place its parse errors are
// made safe to print.
//
// libpq quotes the offending part of a string it cannot parse in its error
// message — for a URI the whole URI, password included
// (`invalid IPv6 host address in URI: "postgresql://qa:sekret@[::1"`) — and
// an error message goes to the terminal, CI logs and reports. So a string
// libpq rejects becomes a PgError whose message has every quoted fragment
// longer than one character replaced by "...": the kind of mistake stays
// visible, the text of the string does not. Strings libpq parses never
// reach its messages again (connection errors name host and port only).
#pragma once

#include <string>

namespace isocheck::runner {

struct ConninfoFacts {
  bool has_connect_timeout = false;
};

// Throws PgError (connection_lost, no SQLSTATE) when libpq cannot parse
// `conninfo` (key=value or URI form).
ConninfoFacts inspect_conninfo(const std::string& conninfo);

// `message` with each "quoted" fragment longer than one character replaced
// by "...".
std::string without_quoted_fragments(const std::string& message);

}  // namespace isocheck::runner
