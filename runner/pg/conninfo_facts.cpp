#include "runner/pg/conninfo_facts.h"

#include <libpq-fe.h>

#include <cstring>
#include <memory>

#include "runner/pg/pg_connection.h"
#include "runner/pg/result_check.h"

namespace isocheck::runner {

std::string without_quoted_fragments(const std::string& message) {
  std::string out;
  size_t at = 0;
  while (at < message.size()) {
    size_t open = message.find('"', at);
    size_t close = open == std::string::npos ? std::string::npos : message.find('"', open + 1);
    if (close == std::string::npos) {
      // An unmatched quote: whatever follows it may be the string itself.
      out.append(message, at, open == std::string::npos ? std::string::npos : open - at);
      if (open != std::string::npos) out += "\"...";
      return out;
    }
    out.append(message, at, open - at);
    out += close - open - 1 > 1 ? std::string("\"...\"") : message.substr(open, close - open + 1);
    at = close + 1;
  }
  return out;
}

ConninfoFacts inspect_conninfo(const std::string& conninfo) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(conninfo.c_str(), &error), &PQconninfoFree);
  if (!options) {
    std::string reason = error ? without_quoted_fragments(first_line(error)) : "out of memory";
    if (error) PQfreemem(error);
    throw PgError("cannot connect: the connection string is not valid: " + reason, "", true);
  }
  if (error) PQfreemem(error);
  ConninfoFacts facts;
  for (const PQconninfoOption* o = options.get(); o->keyword; ++o) {
    if (std::strcmp(o->keyword, "connect_timeout") == 0 && o->val && *o->val)
      facts.has_connect_timeout = true;
  }
  return facts;
}

}  // namespace isocheck::runner
