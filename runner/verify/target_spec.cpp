#include "runner/verify/target_spec.h"

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <string_view>

#include "runner/verify/dsn_redaction.h"
#include "runner/verify/verify_matrix.h"

namespace isocheck::runner {
namespace {

constexpr std::string_view kEmbeddedPrefix = "embedded:";
constexpr std::string_view kPgBouncerPrefix = "pgbouncer:";
constexpr std::string_view kUriPrefixes[] = {"postgres://", "postgresql://"};

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// "a=1,b=2" -> {{a,1},{b,2}}; "" -> {}.
std::vector<std::pair<std::string, std::string>> settings_list(const std::string& text,
                                                               const std::string& where) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    size_t eq = item.find('=');
    if (eq == 0 || eq == std::string::npos)
      throw VerifyError(fmt::format("{}: setting \"{}\": expected name=value", where, item));
    out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

bool valid_name(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return false;
  return name != "." && name != "..";
}

}  // namespace

TargetSpec parse_target(const std::string& text, const std::string& where) {
  size_t eq = text.find('=');
  if (eq == std::string::npos) throw VerifyError(fmt::format("{}: expected NAME=SPEC", where));
  TargetSpec t;
  t.name = text.substr(0, eq);
  if (!valid_name(t.name))
    throw VerifyError(fmt::format(
        "{}: target name \"{}\": use letters, digits, '-', '_' and '.' only", where, t.name));
  std::string spec = text.substr(eq + 1);
  if (spec.empty()) throw VerifyError(fmt::format("{}: target {}: empty SPEC", where, t.name));
  std::string context = fmt::format("{}: target {}", where, t.name);
  t.display = spec;
  if (starts_with(spec, kEmbeddedPrefix)) {
    t.kind = TargetKind::kEmbedded;
    t.settings = settings_list(spec.substr(kEmbeddedPrefix.size()), context);
    return t;
  }
  if (starts_with(spec, kPgBouncerPrefix)) {
    t.kind = TargetKind::kPgBouncer;
    std::string rest = spec.substr(kPgBouncerPrefix.size());
    size_t comma = rest.find(',');
    std::string mode = rest.substr(0, comma);
    std::optional<PoolMode> pool = parse_pool_mode(mode);
    if (!pool)
      throw VerifyError(fmt::format(
          "{}: pgbouncer pool mode \"{}\": expected session or transaction", context, mode));
    t.pool_mode = *pool;
    if (comma != std::string::npos) t.settings = settings_list(rest.substr(comma + 1), context);
    return t;
  }
  bool uri = false;
  for (std::string_view prefix : kUriPrefixes) uri = uri || starts_with(spec, prefix);
  if (uri || spec.find('=') != std::string::npos) {
    t.kind = TargetKind::kDsn;
    t.dsn = spec;
    t.display = redact_dsn(spec);
    return t;
  }
  t.kind = TargetKind::kBinDir;
  t.bin_dir = std::filesystem::path(spec);
  return t;
}

std::vector<TargetSpec> read_targets_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw VerifyError(fmt::format("--targets {}: cannot open", path));
  std::vector<TargetSpec> out;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    size_t begin = line.find_first_not_of(" \t\r");
    if (begin == std::string::npos || line[begin] == '#') continue;
    size_t end = line.find_last_not_of(" \t\r");
    out.push_back(
        parse_target(line.substr(begin, end - begin + 1), fmt::format("{}:{}", path, number)));
  }
  return out;
}

}  // namespace isocheck::runner
