#include "checker/formats/load_error.h"

namespace isocheck {
namespace {

void append_one_line(std::string& out, std::string_view part) {
  // Keep hostile inputs readable and on one line: control characters become spaces and
  // quoted snippets are capped.
  constexpr size_t kMaxPart = 400;
  size_t n = 0;
  for (char c : part) {
    if (++n > kMaxPart) {
      out += "...";
      return;
    }
    out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  }
}

std::string format_load_error(std::string_view file, std::string_view where,
                              std::string_view detail) {
  std::string out;
  out.reserve(file.size() + where.size() + detail.size() + 8);
  append_one_line(out, file);
  out += ": ";
  append_one_line(out, where);
  out += ": ";
  append_one_line(out, detail);
  return out;
}

}  // namespace

LoadError::LoadError(std::string_view file, std::string_view where, std::string_view field,
                     std::string_view problem)
    : std::runtime_error(
          format_load_error(file, where, std::string(field) + ": " + std::string(problem))) {}

LoadError::LoadError(std::string_view file, std::string_view where, std::string_view detail)
    : std::runtime_error(format_load_error(file, where, detail)) {}

}  // namespace isocheck
