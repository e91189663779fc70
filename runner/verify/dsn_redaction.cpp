#include "runner/verify/dsn_redaction.h"

#include <libpq-fe.h>

#include <cstring>
#include <memory>

namespace isocheck::runner {
namespace {

std::string quoted(const char* value) {
  std::string out = "'";
  for (const char* p = value; *p; ++p) {
    if (*p == '\'' || *p == '\\') out.push_back('\\');
    out.push_back(*p);
  }
  return out + "'";
}

}  // namespace

std::string redact_dsn(const std::string& dsn) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(dsn.c_str(), &error), &PQconninfoFree);
  if (error) PQfreemem(error);
  if (!options) return "(unparsable DSN)";
  std::string out;
  for (const PQconninfoOption* o = options.get(); o->keyword; ++o) {
    if (!o->val || std::strcmp(o->keyword, "password") == 0) continue;
    if (!out.empty()) out.push_back(' ');
    out += o->keyword;
    out += '=';
    out += quoted(o->val);
  }
  return out;
}

}  // namespace isocheck::runner
