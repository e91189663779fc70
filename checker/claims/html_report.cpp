#include "checker/claims/html_report.h"

#include <fmt/format.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "checker/claims/markup_escape.h"
#include "checker/claims/timeline_chart.h"
#include "checker/report/graphviz.h"

namespace isocheck {
namespace {

namespace fs = std::filesystem;

constexpr const char* kStyle = R"css(
body { font-family: sans-serif; margin: 2em; color: #222; max-width: 1100px; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: #f7f7f7; padding: 8px; overflow-x: auto; }
.verdict-holds { background: #d7f5d7; }
.verdict-violated { background: #f44336; color: white; font-weight: bold; }
.verdict-allowed-seen { background: #fff3c4; }
.verdict-allowed-not-seen { background: #f3f3f3; color: #555; }
.verdict-not-tested { background: #e8e8e8; color: #777; font-style: italic; }
.verdict-unknown { background: #ffd8a8; }
.banner { padding: 0.6em 1em; font-size: 1.2em; font-weight: bold; }
.note { color: #8a5a00; }
img.witness { max-width: 100%; border: 1px solid #ddd; }
table.claims a { color: inherit; }
)css";

struct Links {
  fs::path report_dir;
  fs::path out_dir;
  // `relative_to_out` (a path under the verify output directory) as seen
  // from the report directory; empty when unknown.
  std::string from_report(const std::string& relative_to_out) const {
    if (relative_to_out.empty() || out_dir.empty()) return "";
    std::error_code ec;
    fs::path target = fs::weakly_canonical(out_dir / relative_to_out, ec);
    if (ec) return "";
    fs::path rel = fs::relative(target, fs::weakly_canonical(report_dir, ec), ec);
    return ec ? "" : rel.generic_string();
  }
};

// A cell's name in anchors and file names: level and workload, then the
// fault set when there is one.
std::string cell_key(const std::string& level, const std::string& faults,
                     const std::string& workload) {
  std::string key = level + "-" + workload;
  return faults == kNoFaults ? key : key + "-" + faults;
}

std::string anchor(const std::string& level, const std::string& faults, const std::string& workload,
                   AnomalyKind k) {
  return fmt::format("w-{}-{}", cell_key(level, faults, workload), anomaly_name(k));
}

std::string iso_time(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw std::runtime_error(fmt::format("{}: cannot write", path.string()));
}

std::string banner(const ClaimsTable& t) {
  if (t.violated())
    return "<p class=\"banner verdict-violated\">CLAIM VIOLATED: PostgreSQL showed a phenomenon "
           "it says cannot happen</p>\n";
  if (t.unknown())
    return "<p class=\"banner verdict-unknown\">Unknown: no claim violated, but a cycle search "
           "was cut short</p>\n";
  return "<p class=\"banner verdict-holds\">Every claim holds</p>\n";
}

std::string server_section(const VerifyResult& r) {
  std::string out = "<h2>Server</h2>\n<table>\n";
  auto row = [&](const std::string& name, const std::string& value) {
    out +=
        fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", markup_escape(name), markup_escape(value));
  };
  row("version", r.server_version);
  row("target", r.target);
  row("started", iso_time(r.started_unix_seconds));
  row("seed", std::to_string(r.seed));
  row("isocheck", r.tool_version);
  for (const auto& [name, value] : r.settings) row(name, value);
  return out + "</table>\n";
}

std::string claims_grid(const VerifyResult& r, const std::string& faults, bool first) {
  const ClaimsTable& t = r.claims;
  std::string out;
  if (faults != kNoFaults || t.fault_sets.size() > 1)
    out += "<h3>Under faults: " + markup_escape(faults) + "</h3>\n";
  out += fmt::format("<table id=\"{}\" class=\"claims\">\n<tr><th>phenomenon</th>",
                     first ? std::string("claims") : markup_escape("claims-" + faults));
  for (const std::string& level : t.levels)
    if (t.find(level, all_phenomena().front().phenomenon, faults))
      out += "<th>" + markup_escape(level) + "</th>";
  out += "</tr>\n";
  for (const PhenomenonInfo& info : all_phenomena()) {
    out += "<tr><th>" + markup_escape(info.name) + "</th>";
    for (const std::string& level : t.levels) {
      const ClaimRow* row = t.find(level, info.phenomenon, faults);
      if (!row) continue;
      std::string text(claim_verdict_name(row->verdict));
      if (row->observed > 0) text += fmt::format(" ({})", row->observed);
      text = markup_escape(text);
      if (row->witness)
        text = fmt::format(
            "<a href=\"#{}\">{}</a>",
            markup_escape(anchor(level, faults, row->witness->workload, row->witness->kind)), text);
      out += fmt::format("<td class=\"verdict-{}\" title=\"{}\">{}</td>",
                         claim_verdict_slug(row->verdict),
                         row->claimed_possible ? "claimed possible" : "claimed impossible", text);
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

// One claims table per fault set: the first (usually "none") keeps the id
// "claims"; the others are "claims-<faults>".
std::string claims_section(const VerifyResult& r) {
  const ClaimsTable& t = r.claims;
  std::string out =
      "<h2>Claims</h2>\n<p>What the PostgreSQL manual says each level allows, against what this "
      "run saw. Counts are anomalies found, summed over the level's workloads.</p>\n";
  for (const std::string& faults : t.fault_sets)
    out += claims_grid(r, faults, faults == t.fault_sets.front());
  return out;
}

std::string mapping_section() {
  std::string out =
      "<h2>Phenomena and the anomalies that show them</h2>\n<table id=\"mapping\">\n"
      "<tr><th>phenomenon</th><th>meaning</th><th>anomalies</th></tr>\n";
  for (const PhenomenonInfo& info : all_phenomena()) {
    std::string kinds;
    for (AnomalyKind k : info.shown_by)
      kinds +=
          fmt::format("{}<abbr title=\"{}\">{}</abbr>", kinds.empty() ? "" : ", ",
                      markup_escape(anomaly_info(k).description), markup_escape(anomaly_name(k)));
    if (kinds.empty()) kinds = "<em>none yet: not tested</em>";
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", markup_escape(info.name),
                       markup_escape(info.description), kinds);
  }
  return out + "</table>\n";
}

std::string witness_picture(const CellOutcome& c, const ObservedAnomaly& a, const fs::path& dir,
                            const std::optional<std::string>& dot, HtmlReportOutput& output) {
  if (a.dot.empty()) return "";
  if (!dot)
    return "<p class=\"note\">Graphviz <code>dot</code> is not installed: the witness graph is "
           "not drawn.</p>\n";
  std::string base =
      fmt::format("{}-{}", cell_key(c.level, c.faults, c.workload), anomaly_name(a.kind));
  fs::path dot_path = dir / (base + ".dot");
  write_file(dot_path, a.dot);
  std::optional<std::string> err =
      render_svg(*dot, dot_path.string(), (dir / (base + ".svg")).string());
  std::error_code ignored;
  fs::remove(dot_path, ignored);
  if (err) {
    output.warnings.push_back(*err);
    return fmt::format("<p class=\"note\">The witness graph could not be drawn: {}</p>\n",
                       markup_escape(*err));
  }
  output.files.push_back(base + ".svg");
  return fmt::format("<p><img class=\"witness\" src=\"{}.svg\" alt=\"witness graph of {}\"></p>\n",
                     markup_escape(base), markup_escape(anomaly_name(a.kind)));
}

std::string cell_section(const CellOutcome& c, const Links& links, const fs::path& dir,
                         const std::optional<std::string>& dot, HtmlReportOutput& output) {
  std::string title = c.level + " / " + c.workload;
  if (c.faults != kNoFaults) title += " / faults: " + c.faults;
  std::string out =
      fmt::format("<h3 id=\"cell-{}\">{}</h3>\n",
                  markup_escape(cell_key(c.level, c.faults, c.workload)), markup_escape(title));
  double decided = static_cast<double>(c.ok + c.failed);
  out += fmt::format(
      "<table class=\"cell-stats\"><tr><th>duration</th><th>transactions</th><th>ok</th>"
      "<th>fail</th><th>info</th><th>ok/s</th><th>abort rate</th></tr>\n"
      "<tr><td class=\"num\">{:.1f}s</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
      "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{:.1f}</td>"
      "<td class=\"num\">{:.1f}%</td></tr></table>\n",
      c.duration_seconds, c.transactions, c.ok, c.failed, c.indeterminate, c.throughput,
      decided > 0 ? 100.0 * static_cast<double>(c.failed) / decided : 0.0);
  out += timeline_svg(c.timeline, "throughput and abort rate, " + title);
  if (std::string h = links.from_report(c.history_path); !h.empty())
    out += fmt::format("<p>History: <a href=\"{0}\">{0}</a></p>\n", markup_escape(h));
  for (const std::string& reason : c.unknown_reasons)
    out += "<p class=\"note\">Search cut short: " + markup_escape(reason) + "</p>\n";
  if (c.anomalies.empty()) return out + "<p>No anomaly found.</p>\n";
  for (const ObservedAnomaly& a : c.anomalies) {
    const PhenomenonInfo& info = phenomenon_info(phenomenon_of(a.kind));
    out += fmt::format("<h4 id=\"{}\">{} — {} found ({})</h4>\n",
                       markup_escape(anchor(c.level, c.faults, c.workload, a.kind)),
                       markup_escape(anomaly_name(a.kind)), a.count, markup_escape(info.name));
    out += "<p>" + markup_escape(anomaly_info(a.kind).description) + "</p>\n";
    std::string words;
    for (const std::string& line : a.witness) words += line + "\n";
    if (!words.empty()) out += "<pre class=\"witness\">" + markup_escape(words) + "</pre>\n";
    out += witness_picture(c, a, dir, dot, output);
    if (std::string e = links.from_report(a.explain_link); !e.empty())
      out += fmt::format("<p>Explained in <a href=\"{0}\">{0}</a></p>\n", markup_escape(e));
  }
  return out;
}

std::string details_section(const ClaimsTable& t) {
  std::string out =
      "<h2>Anomalies by level</h2>\n<table id=\"details\">\n<tr><th>level</th><th>anomaly</th>"
      "<th>phenomenon</th><th>claimed</th><th>found</th><th>by workload</th></tr>\n";
  size_t rows = 0;
  for (const KindDetail& d : t.details) {
    if (d.total == 0) continue;
    ++rows;
    std::string by;
    for (const KindCount& kc : d.per_workload)
      if (kc.count > 0) by += fmt::format("{}{} {}", by.empty() ? "" : ", ", kc.workload, kc.count);
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td "
        "class=\"num\">{}</td><td>{}</td></tr>\n",
        markup_escape(claims_column_label(d.level, d.faults)), markup_escape(anomaly_name(d.kind)),
        markup_escape(phenomenon_info(d.phenomenon).name),
        d.claimed_possible ? "possible" : "impossible", d.total, markup_escape(by));
  }
  if (rows == 0) out += "<tr><td colspan=\"6\">No anomaly found at any level.</td></tr>\n";
  return out + "</table>\n";
}

}  // namespace

HtmlReportOutput write_html_report(const VerifyResult& r, const std::string& dir_name) {
  fs::path dir(dir_name);
  fs::create_directories(dir);
  HtmlReportOutput output;
  std::optional<std::string> dot = find_dot_program();
  output.graphviz = dot.has_value();
  if (!dot) output.warnings.push_back("Graphviz `dot` not found: witness graphs are not drawn");
  Links links{dir, r.out_dir.empty() ? fs::path() : fs::path(r.out_dir)};

  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>isocheck verify: PostgreSQL isolation claims</title>\n<style>";
  html += kStyle;
  html += "</style>\n</head>\n<body>\n<h1>isocheck verify: PostgreSQL isolation claims</h1>\n";
  html += banner(r.claims);
  html += claims_section(r);
  html += mapping_section();
  html += details_section(r.claims);
  html += server_section(r);
  html += "<h2>Runs</h2>\n";
  for (const CellOutcome& c : r.cells) html += cell_section(c, links, dir, dot, output);
  html += "</body>\n</html>\n";
  write_file(dir / "index.html", html);
  output.files.insert(output.files.begin(), "index.html");
  return output;
}

}  // namespace isocheck
