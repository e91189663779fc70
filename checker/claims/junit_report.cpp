#include "checker/claims/junit_report.h"

#include <fmt/format.h>

#include <ctime>

#include "checker/claims/markup_escape.h"

namespace isocheck {
namespace {

std::string iso_time(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

std::string witness_text(const ClaimRow& row) {
  if (!row.witness) return "";
  std::string text =
      fmt::format("{} in {}:\n", anomaly_name(row.witness->kind), row.witness->workload);
  for (const std::string& line : row.witness->lines) text += line + "\n";
  if (!row.witness->explain_link.empty())
    text += "explained in " + row.witness->explain_link + "\n";
  return text;
}

std::string kinds_text(const ClaimRow& row) {
  std::string text;
  for (AnomalyKind k : row.kinds_seen)
    text += fmt::format("{}{}", text.empty() ? "" : ", ", anomaly_name(k));
  return text;
}

std::string testcase_body(const ClaimRow& row, const PhenomenonInfo& info) {
  switch (row.verdict) {
    case ClaimVerdict::kViolated:
      return fmt::format(
          "      <failure type=\"CLAIM VIOLATED\" message=\"{}\">{}</failure>\n",
          markup_escape(fmt::format("{} is claimed impossible at {} but was seen {} time(s): {}",
                                    info.name, claims_column_label(row.level, row.faults),
                                    row.observed, kinds_text(row))),
          markup_escape(witness_text(row)));
    case ClaimVerdict::kNotTested:
      return "      <skipped message=\"not tested: no workload shows this phenomenon yet\"/>\n";
    case ClaimVerdict::kUnknown: {
      std::string why = "unknown: a cycle search was cut short";
      for (const std::string& reason : row.unknown_reasons) why += "; " + reason;
      return fmt::format("      <skipped message=\"{}\"/>\n", markup_escape(why));
    }
    case ClaimVerdict::kAllowedSeen:
      return fmt::format(
          "      <system-out>{}</system-out>\n",
          markup_escape(fmt::format("allowed at {}; seen {} time(s): {}\n{}",
                                    claims_column_label(row.level, row.faults), row.observed,
                                    kinds_text(row), witness_text(row))));
    case ClaimVerdict::kHolds:
    case ClaimVerdict::kAllowedNotSeen:
      return "";
  }
  return "";
}

}  // namespace

namespace {

struct Suite {
  std::string xml;
  size_t tests = 0, failures = 0, skipped = 0, errors = 0;
  double seconds = 0;
};

// One target's claims as a <testsuite>; classnames are `prefix` + the
// column label. A target that could not run adds an <error> testcase.
Suite testsuite(const VerifyResult& r, const std::string& suite_name, const std::string& prefix) {
  Suite s;
  for (const ClaimRow& row : r.claims.claims) {
    s.failures += row.verdict == ClaimVerdict::kViolated;
    s.skipped += row.verdict == ClaimVerdict::kNotTested || row.verdict == ClaimVerdict::kUnknown;
  }
  s.errors = r.error.empty() ? 0 : 1;
  s.tests = r.claims.claims.size() + s.errors;
  for (const CellOutcome& c : r.cells) s.seconds += c.duration_seconds;
  std::string& out = s.xml;
  out += fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" errors=\"{}\" "
      "time=\"{:.3f}\" timestamp=\"{}\">\n",
      markup_escape(suite_name), s.tests, s.failures, s.skipped, s.errors, s.seconds,
      iso_time(r.started_unix_seconds));
  out += "    <properties>\n";
  auto property = [&](const std::string& name, const std::string& value) {
    out += fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", markup_escape(name),
                       markup_escape(value));
  };
  property("server_version", r.server_version);
  if (!r.name.empty()) property("target_name", r.name);
  property("target", r.target);
  property("seed", std::to_string(r.seed));
  for (const auto& [name, value] : r.settings) property("setting." + name, value);
  out += "    </properties>\n";
  if (!r.error.empty())
    out += fmt::format(
        "    <testcase classname=\"{}\" name=\"server\" time=\"0\">\n"
        "      <error type=\"target could not run\" message=\"{}\"/>\n    </testcase>\n",
        markup_escape(r.name), markup_escape(r.error));
  for (const ClaimRow& row : r.claims.claims) {
    const PhenomenonInfo& info = phenomenon_info(row.phenomenon);
    double seconds = 0;
    for (const CellOutcome& c : r.cells)
      if (c.level == row.level && c.faults == row.faults) seconds += c.duration_seconds;
    std::string body = testcase_body(row, info);
    std::string open =
        fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\"",
                    markup_escape(prefix + claims_column_label(row.level, row.faults)),
                    markup_escape(info.name), seconds);
    out += body.empty() ? open + "/>\n" : open + ">\n" + body + "    </testcase>\n";
  }
  out += "  </testsuite>\n";
  return s;
}

std::string document(const std::vector<Suite>& suites) {
  Suite total;
  for (const Suite& s : suites) {
    total.tests += s.tests;
    total.failures += s.failures;
    total.skipped += s.skipped;
    total.errors += s.errors;
    total.seconds += s.seconds;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<testsuites name=\"isocheck verify\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" "
      "errors=\"{}\" time=\"{:.3f}\">\n",
      total.tests, total.failures, total.skipped, total.errors, total.seconds);
  for (const Suite& s : suites) out += s.xml;
  return out + "</testsuites>\n";
}

}  // namespace

std::string junit_xml(const VerifyResult& r) {
  return document({testsuite(r, "PostgreSQL isolation claims", "")});
}

std::string junit_xml(const VerifyReport& report) {
  if (report.single()) return junit_xml(report.targets.front());
  std::vector<Suite> suites;
  for (const VerifyResult& t : report.targets)
    suites.push_back(testsuite(t, "PostgreSQL isolation claims: " + t.name, t.name + "/"));
  return document(suites);
}

}  // namespace isocheck
