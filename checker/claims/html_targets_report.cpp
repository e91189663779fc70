#include "checker/claims/html_targets_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "checker/claims/markup_escape.h"

namespace isocheck {
namespace {

namespace fs = std::filesystem;

std::string outcome(const VerifyResult& t) {
  if (!t.error.empty()) return "could not run: " + t.error;
  if (t.claims.violated()) return "CLAIM VIOLATED";
  if (t.claims.unknown()) return "unknown";
  return "every claim holds";
}

std::string targets_table(const VerifyReport& report) {
  std::string out =
      "<h2>Targets</h2>\n<table id=\"targets\">\n<tr><th>target</th><th>what</th>"
      "<th>server</th><th>settings that matter</th><th>outcome</th></tr>\n";
  for (const VerifyResult& t : report.targets) {
    std::string settings;
    for (const std::string& name : settings_that_matter()) {
      auto it = t.settings.find(name);
      if (it != t.settings.end())
        settings += fmt::format("{}{}={}", settings.empty() ? "" : "<br>", markup_escape(name),
                                markup_escape(it->second));
    }
    out += fmt::format(
        "<tr><td><a href=\"{0}/index.html\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td>"
        "<td>{4}</td></tr>\n",
        markup_escape(t.name), markup_escape(t.target), markup_escape(t.server_version), settings,
        markup_escape(outcome(t)));
  }
  return out + "</table>\n";
}

std::string differences_table(const VerifyReport& report) {
  std::vector<ClaimDifference> diffs = claim_differences(report);
  std::string out = "<h2>Claims that differ between targets</h2>\n";
  if (diffs.empty()) return out + "<p>None: every target judged every claim alike.</p>\n";
  out += "<table id=\"differences\">\n<tr><th>phenomenon</th><th>level</th>";
  for (const VerifyResult& t : report.targets)
    out += fmt::format("<th>{}</th>", markup_escape(t.name));
  out += "</tr>\n";
  for (const ClaimDifference& d : diffs) {
    out +=
        fmt::format("<tr><td>{}</td><td>{}</td>", markup_escape(phenomenon_info(d.phenomenon).name),
                    markup_escape(claims_column_label(d.level, d.faults)));
    for (const auto& v : d.verdicts)
      out += v ? fmt::format("<td class=\"{}\">{}</td>", claim_verdict_slug(*v),
                             markup_escape(claim_verdict_name(*v)))
               : std::string("<td>-</td>");
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

}  // namespace

HtmlReportOutput write_html_report(const VerifyReport& report, const std::string& dir_name) {
  if (report.single()) return write_html_report(report.targets.front(), dir_name);
  fs::path dir(dir_name);
  fs::create_directories(dir);
  HtmlReportOutput output;
  for (const VerifyResult& t : report.targets) {
    HtmlReportOutput one = write_html_report(t, (dir / t.name).string());
    for (const std::string& f : one.files) output.files.push_back(t.name + "/" + f);
    output.graphviz = one.graphviz;
    for (const std::string& w : one.warnings)
      if (std::find(output.warnings.begin(), output.warnings.end(), w) == output.warnings.end())
        output.warnings.push_back(w);
  }
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>isocheck verify: targets side by side</title>\n<style>"
      "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
      "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
      ".violated{background:#f8d0d0}.holds{background:#d8f0d8}.allowed-seen{background:#fff0c0}"
      ".unknown{background:#ffe0a0}</style>\n</head>\n<body>\n"
      "<h1>isocheck verify: targets side by side</h1>\n";
  html += targets_table(report);
  html += differences_table(report);
  html += "</body>\n</html>\n";
  std::ofstream out(dir / "index.html");
  out << html;
  if (!out) throw std::runtime_error((dir / "index.html").string() + ": cannot write");
  output.files.insert(output.files.begin(), "index.html");
  return output;
}

}  // namespace isocheck
