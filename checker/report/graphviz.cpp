#include "checker/report/graphviz.h"

#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "checker/report/txn_format.h"

extern char** environ;

namespace isocheck {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

const char* edge_color(EdgeKind k) {
  switch (k) {
    case EdgeKind::kWw:
      return "#1f77b4";
    case EdgeKind::kWr:
      return "#2ca02c";
    case EdgeKind::kRw:
      return "#d62728";
    case EdgeKind::kProcess:
      return "#7f7f7f";
    case EdgeKind::kRealtime:
      return "#9467bd";
    case EdgeKind::kPredicateRw:
      return "#ff7f0e";
  }
  return "black";
}

}  // namespace

std::string witness_dot(const History& h, const Anomaly& a) {
  std::ostringstream out;
  out << "digraph witness {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\", "
         "fontsize=10];\n";
  out << fmt::format("  label=\"{}\";\n  labelloc=t;\n", escape(a.summary));
  for (uint32_t id : a.txns) {
    const Txn& t = h.txns[id];
    std::string label = fmt::format("T{} (process {}, {})\\n{}", id, t.process,
                                    txn_status_name(t.status), escape(format_mops(h, t)));
    out << fmt::format("  T{} [label=\"{}\"];\n", id, label);
  }
  for (const CycleStep& s : a.cycle)
    out << fmt::format("  T{} -> T{} [label=\"{}\", color=\"{}\", fontcolor=\"{}\"];\n", s.from,
                       s.to, edge_kind_name(s.kind), edge_color(s.kind), edge_color(s.kind));
  out << "}\n";
  return out.str();
}

std::optional<std::string> find_dot_program() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::filesystem::path candidate =
        std::filesystem::path(dirs.substr(start, end - start)) / "dot";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<std::string> render_svg(const std::string& dot_program, const std::string& dot_path,
                                      const std::string& svg_path) {
  std::string tsvg = "-Tsvg", o = "-o";
  char* argv[] = {const_cast<char*>(dot_program.c_str()), tsvg.data(),
                  const_cast<char*>(dot_path.c_str()),    o.data(),
                  const_cast<char*>(svg_path.c_str()),    nullptr};
  pid_t pid;
  if (int err = posix_spawn(&pid, dot_program.c_str(), nullptr, nullptr, argv, environ); err != 0)
    return fmt::format("cannot start {}: {}", dot_program, std::strerror(err));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return fmt::format("waiting for {} failed", dot_program);
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return fmt::format("{} failed to render {}", dot_program, dot_path);
  return std::nullopt;
}

}  // namespace isocheck
