#include "checker/report/explain_writer.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "checker/report/graphviz.h"
#include "checker/report/sql_witness.h"
#include "checker/report/witness_statements.h"
#include "checker/report/verdict_report.h"

namespace isocheck {
namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw std::runtime_error(fmt::format("{}: cannot write", path.string()));
}

}  // namespace

std::set<uint64_t> witness_event_indices(const History& h, const CheckResult& r) {
  std::set<uint64_t> all;
  for (const auto& [kind, list] : r.witnesses) {
    for (const Anomaly& a : list) all.merge(witness_completion_indices(h, a));
  }
  return all;
}

ExplainOutput write_explanations(const History& h, const CheckResult& r, const std::string& dir,
                                 const RecordedEvents* sql_events) {
  std::filesystem::create_directories(dir);
  ExplainOutput result;
  std::optional<std::string> dot = find_dot_program();
  result.svg = dot.has_value();
  if (!dot) result.warnings.push_back("Graphviz `dot` not found: wrote DOT files but no SVG");
  std::string index = fmt::format("{} — {}\n\n", validity_name(r.valid), fmt::join(r.models, ", "));
  for (const auto& [kind, list] : r.witnesses) {
    for (size_t i = 0; i < list.size(); ++i) {
      const Anomaly& a = list[i];
      std::string base = fmt::format("{}-{}", anomaly_name(kind), i + 1);
      std::string text =
          fmt::format("{}\n{}\n\n", anomaly_name(kind), anomaly_info(kind).description);
      for (const std::string& line : witness_lines(h, a)) text += line + "\n";
      write_file(std::filesystem::path(dir) / (base + ".txt"), text);
      auto dot_path = std::filesystem::path(dir) / (base + ".dot");
      write_file(dot_path, witness_dot(h, a));
      result.files.push_back(base + ".txt");
      result.files.push_back(base + ".dot");
      if (sql_events) {
        write_file(std::filesystem::path(dir) / (base + ".sql"), witness_sql(h, a, *sql_events));
        result.files.push_back(base + ".sql");
      }
      if (dot) {
        auto svg_path = std::filesystem::path(dir) / (base + ".svg");
        if (auto err = render_svg(*dot, dot_path.string(), svg_path.string()))
          result.warnings.push_back(*err);
        else
          result.files.push_back(base + ".svg");
      }
      index += fmt::format("{}: {}\n", base, a.summary);
    }
  }
  write_file(std::filesystem::path(dir) / "index.txt", index);
  result.files.push_back("index.txt");
  return result;
}

}  // namespace isocheck
