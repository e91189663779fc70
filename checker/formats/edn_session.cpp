#include "checker/formats/edn_session.h"

#include <fmt/format.h>

#include <cstdint>

#include "checker/formats/text_file_writer.h"

namespace isocheck {

void parse_edn_session(EdnScanner& s, Session& out) {
  out = Session{};
  s.expect('{', "a session map");
  while (s.peek_in_form() != '}') {
    std::string_view name = s.read_keyword("a session key");
    if (name == "process") {
      out.process = s.read_int("an integer process");
    } else if (name == "backend-pid") {
      int64_t pid = s.read_int("an integer backend pid");
      if (pid < 0 || pid > INT32_MAX) EdnScanner::fail(fmt::format("{} is not a process id", pid));
      out.backend_pid = static_cast<int32_t>(pid);
    } else if (name == "level") {
      if (s.peek_in_form() != '"') s.fail_expected("a string level");
      s.read_string(out.level);
    } else if (name == "time") {
      out.time_ns = s.read_int("an integer time");
    } else {
      s.skip_form();
    }
  }
  s.advance();
}

std::string edn_session_line(const Session& session) {
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out),
                 "{{:type :info, :process :isocheck, :f :session, :{} {{:process {}, "
                 ":backend-pid {}, :level ",
                 kEdnSessionKey, session.process, session.backend_pid);
  append_quoted_string(out, session.level);
  fmt::format_to(std::back_inserter(out), ", :time {}}}}}\n", session.time_ns);
  return fmt::to_string(out);
}

}  // namespace isocheck
