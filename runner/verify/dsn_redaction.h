// redact_dsn: a libpq connection string fit for reports and logs — the
// same connection parameters with any password left out.
//
// Accepts both forms libpq does ("host=h password=p" and URIs such as
// "postgresql://user:secret@h/db"); the result is always in key=value
// form. A string libpq cannot parse is replaced by "(unparsable DSN)"
// rather than echoed, since it might still hold a password.
#pragma once

#include <string>

namespace isocheck::runner {

std::string redact_dsn(const std::string& dsn);

}  // namespace isocheck::runner
