#include "checker/claims/verify_json.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "checker/claims/json_field_reader.h"

namespace isocheck {
namespace {

constexpr const char* kFormat = "isocheck-verify";
constexpr int kFormatVersion = 1;
// A run over several targets: {"targets": [a version-1 result each], ...}.
constexpr int kReportFormatVersion = 2;

nlohmann::json timeline_json(const Timeline& t) {
  nlohmann::json ok = nlohmann::json::array(), failed = nlohmann::json::array(),
                 info = nlohmann::json::array();
  for (const TimelineBucket& b : t.buckets) {
    ok.push_back(b.ok);
    failed.push_back(b.failed);
    info.push_back(b.indeterminate);
  }
  nlohmann::json faults = nlohmann::json::array();
  for (const TimelineFault& f : t.faults)
    faults.push_back({{"kind", f.kind},
                      {"start_seconds", f.start_seconds},
                      {"end_seconds", f.end_seconds},
                      {"healed", f.healed}});
  return {{"bucket_seconds", t.bucket_seconds},
          {"ok", std::move(ok)},
          {"failed", std::move(failed)},
          {"indeterminate", std::move(info)},
          {"faults", std::move(faults)}};
}

nlohmann::json cell_json(const CellOutcome& c) {
  nlohmann::json types = nlohmann::json::array();
  nlohmann::json counts = nlohmann::json::object();
  nlohmann::json anomalies = nlohmann::json::array();
  for (const ObservedAnomaly& a : c.anomalies) {
    std::string name(anomaly_name(a.kind));
    types.push_back(name);
    counts[name] = a.count;
    anomalies.push_back({{"kind", name},
                         {"count", a.count},
                         {"witness", a.witness},
                         {"dot", a.dot},
                         {"explain_link", a.explain_link}});
  }
  nlohmann::json verdicts = nlohmann::json::object();
  ClaimsTable alone = judge_claims(std::span<const CellOutcome>(&c, 1));
  for (const ClaimRow& row : alone.claims)
    verdicts[std::string(phenomenon_info(row.phenomenon).slug)] = claim_verdict_slug(row.verdict);
  return {{"level", c.level},
          {"workload", c.workload},
          {"faults", c.faults},
          {"duration_seconds", c.duration_seconds},
          {"transactions", c.transactions},
          {"ok", c.ok},
          {"failed", c.failed},
          {"indeterminate", c.indeterminate},
          {"throughput", c.throughput},
          {"anomaly_types", std::move(types)},
          {"anomaly_counts", std::move(counts)},
          {"anomalies", std::move(anomalies)},
          {"verdicts", std::move(verdicts)},
          {"search_incomplete", c.search_incomplete},
          {"unknown_reasons", c.unknown_reasons},
          {"isolation_problem", c.isolation_problem},
          {"history", c.history_path},
          {"explain_dir", c.explain_dir},
          {"timeline", timeline_json(c.timeline)}};
}

nlohmann::json claim_json(const ClaimRow& row) {
  nlohmann::json kinds = nlohmann::json::array();
  for (AnomalyKind k : row.kinds_seen) kinds.push_back(anomaly_name(k));
  nlohmann::json j = {{"level", row.level},
                      {"faults", row.faults},
                      {"phenomenon", phenomenon_info(row.phenomenon).slug},
                      {"claimed_possible", row.claimed_possible},
                      {"observed", row.observed},
                      {"verdict", claim_verdict_slug(row.verdict)},
                      {"kinds_seen", std::move(kinds)},
                      {"unknown_reasons", row.unknown_reasons}};
  if (row.witness)
    j["witness"] = {{"workload", row.witness->workload},
                    {"kind", anomaly_name(row.witness->kind)},
                    {"lines", row.witness->lines},
                    {"explain_link", row.witness->explain_link}};
  return j;
}

nlohmann::json mapping_json() {
  nlohmann::json mapping = nlohmann::json::array();
  for (const PhenomenonInfo& info : all_phenomena()) {
    nlohmann::json kinds = nlohmann::json::array();
    for (AnomalyKind k : info.shown_by) kinds.push_back(anomaly_name(k));
    mapping.push_back({{"phenomenon", info.slug},
                       {"name", info.name},
                       {"description", info.description},
                       {"anomalies", std::move(kinds)}});
  }
  return mapping;
}

AnomalyKind read_kind(const JsonFieldReader& r) {
  std::string name = r.str();
  std::optional<AnomalyKind> k = parse_anomaly(name);
  if (!k) r.fail(fmt::format("unknown anomaly kind \"{}\"", name));
  return *k;
}

Phenomenon read_phenomenon(const JsonFieldReader& r) {
  std::string slug = r.str();
  for (const PhenomenonInfo& info : all_phenomena())
    if (info.slug == slug) return info.phenomenon;
  r.fail(fmt::format("unknown phenomenon \"{}\"", slug));
}

ClaimVerdict read_verdict(const JsonFieldReader& r) {
  std::string slug = r.str();
  std::optional<ClaimVerdict> v = parse_claim_verdict_slug(slug);
  if (!v) r.fail(fmt::format("unknown verdict \"{}\"", slug));
  return *v;
}

Timeline read_timeline(const JsonFieldReader& r) {
  Timeline t;
  t.bucket_seconds = r.at("bucket_seconds").number();
  JsonFieldReader ok = r.at("ok"), failed = r.at("failed"), info = r.at("indeterminate");
  if (failed.size() != ok.size() || info.size() != ok.size())
    r.fail("ok, failed and indeterminate differ in length");
  for (size_t i = 0; i < ok.size(); ++i)
    t.buckets.push_back({ok.index(i).count(), failed.index(i).count(), info.index(i).count()});
  // Results written before faults existed have no "faults".
  if (r.has("faults")) {
    JsonFieldReader faults = r.at("faults");
    for (size_t i = 0; i < faults.size(); ++i) {
      JsonFieldReader f = faults.index(i);
      t.faults.push_back({f.at("kind").str(), f.at("start_seconds").number(),
                          f.at("end_seconds").number(), f.at("healed").boolean()});
    }
  }
  return t;
}

CellOutcome read_cell(const JsonFieldReader& r) {
  CellOutcome c;
  c.level = r.at("level").str();
  if (!find_postgres_level(c.level))
    r.at("level").fail("unknown isolation level \"" + c.level + "\"");
  c.workload = r.at("workload").str();
  // Results written before fault sets existed ran without faults.
  if (r.has("faults")) c.faults = r.at("faults").str();
  c.duration_seconds = r.at("duration_seconds").number();
  c.transactions = r.at("transactions").count();
  c.ok = r.at("ok").count();
  c.failed = r.at("failed").count();
  c.indeterminate = r.at("indeterminate").count();
  c.throughput = r.at("throughput").number();
  JsonFieldReader anomalies = r.at("anomalies");
  for (size_t i = 0; i < anomalies.size(); ++i) {
    JsonFieldReader a = anomalies.index(i);
    c.anomalies.push_back({read_kind(a.at("kind")), a.at("count").count(),
                           a.at("witness").strings(), a.at("dot").str(),
                           a.at("explain_link").str()});
  }
  c.search_incomplete = r.at("search_incomplete").boolean();
  c.unknown_reasons = r.at("unknown_reasons").strings();
  // Results written before sessions were recorded have none.
  if (r.has("isolation_problem")) c.isolation_problem = r.at("isolation_problem").str();
  c.history_path = r.at("history").str();
  c.explain_dir = r.at("explain_dir").str();
  c.timeline = read_timeline(r.at("timeline"));
  return c;
}

ClaimRow read_claim(const JsonFieldReader& r) {
  ClaimRow row;
  row.level = r.at("level").str();
  if (r.has("faults")) row.faults = r.at("faults").str();
  row.phenomenon = read_phenomenon(r.at("phenomenon"));
  row.claimed_possible = r.at("claimed_possible").boolean();
  row.observed = r.at("observed").count();
  row.verdict = read_verdict(r.at("verdict"));
  JsonFieldReader kinds = r.at("kinds_seen");
  for (size_t i = 0; i < kinds.size(); ++i) row.kinds_seen.push_back(read_kind(kinds.index(i)));
  row.unknown_reasons = r.at("unknown_reasons").strings();
  if (r.has("witness")) {
    JsonFieldReader w = r.at("witness");
    row.witness = ClaimWitness{w.at("workload").str(), read_kind(w.at("kind")),
                               w.at("lines").strings(), w.at("explain_link").str()};
  }
  return row;
}

}  // namespace

nlohmann::json verify_json(const VerifyResult& r) {
  nlohmann::json claims = nlohmann::json::array();
  for (const ClaimRow& row : r.claims.claims) claims.push_back(claim_json(row));
  nlohmann::json cells = nlohmann::json::array();
  for (const CellOutcome& c : r.cells) cells.push_back(cell_json(c));
  return {{"format", kFormat},
          {"format_version", kFormatVersion},
          {"tool_version", r.tool_version},
          {"name", r.name},
          {"target", r.target},
          {"error", r.error},
          {"seed", r.seed},
          {"started_unix_seconds", r.started_unix_seconds},
          {"out_dir", r.out_dir},
          {"server", {{"version", r.server_version}, {"settings", r.settings}}},
          {"violated", r.claims.violated()},
          {"unknown", r.claims.unknown()},
          {"levels", r.claims.levels},
          {"fault_sets", r.claims.fault_sets},
          {"mapping", mapping_json()},
          {"claims", std::move(claims)},
          {"cells", std::move(cells)}};
}

VerifyResult parse_verify_json(const nlohmann::json& j, const std::string& source) {
  JsonFieldReader top(j, "", source);
  if (top.at("format").str() != kFormat)
    top.at("format").fail(fmt::format("expected \"{}\": not a verify result", kFormat));
  if (int64_t v = top.at("format_version").integer(); v != kFormatVersion)
    top.at("format_version")
        .fail(fmt::format("version {} is not supported (want {})", v, kFormatVersion));
  VerifyResult r;
  r.tool_version = top.at("tool_version").str();
  r.target = top.at("target").str();
  // Results written before targets existed have neither.
  if (top.has("name")) r.name = top.at("name").str();
  if (top.has("error")) r.error = top.at("error").str();
  r.seed = top.at("seed").count();
  r.started_unix_seconds = top.at("started_unix_seconds").integer();
  r.out_dir = top.at("out_dir").str();
  JsonFieldReader server = top.at("server");
  r.server_version = server.at("version").str();
  JsonFieldReader settings = server.at("settings");
  for (const std::string& name : settings.keys()) r.settings[name] = settings.at(name).str();
  JsonFieldReader cells = top.at("cells");
  for (size_t i = 0; i < cells.size(); ++i) r.cells.push_back(read_cell(cells.index(i)));
  r.claims = judge_claims(r.cells);
  r.claims.levels = top.at("levels").strings();
  if (top.has("fault_sets")) r.claims.fault_sets = top.at("fault_sets").strings();
  r.claims.claims.clear();
  JsonFieldReader claims = top.at("claims");
  for (size_t i = 0; i < claims.size(); ++i) r.claims.claims.push_back(read_claim(claims.index(i)));
  return r;
}

namespace {

nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw VerifyJsonError(fmt::format("{}: cannot open", path));
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw VerifyJsonError(fmt::format("{}: byte {}: not valid JSON", path, e.byte));
  }
}

}  // namespace

VerifyResult read_verify_json(const std::string& path) {
  return parse_verify_json(read_json_file(path), path);
}

nlohmann::json verify_report_json(const VerifyReport& report) {
  if (report.single()) return verify_json(report.targets.front());
  nlohmann::json targets = nlohmann::json::array();
  for (const VerifyResult& t : report.targets) targets.push_back(verify_json(t));
  nlohmann::json differences = nlohmann::json::array();
  for (const ClaimDifference& d : claim_differences(report)) {
    nlohmann::json verdicts = nlohmann::json::object();
    for (size_t i = 0; i < d.verdicts.size(); ++i)
      verdicts[report.targets[i].name] =
          d.verdicts[i] ? nlohmann::json(claim_verdict_slug(*d.verdicts[i])) : nlohmann::json();
    differences.push_back({{"level", d.level},
                           {"faults", d.faults},
                           {"phenomenon", phenomenon_info(d.phenomenon).slug},
                           {"verdicts", std::move(verdicts)}});
  }
  return {{"format", kFormat},
          {"format_version", kReportFormatVersion},
          {"tool_version", ISOCHECK_VERSION},
          {"violated", report.violated()},
          {"unknown", report.unknown()},
          {"failed", report.failed()},
          {"targets", std::move(targets)},
          {"differences", std::move(differences)}};
}

VerifyReport parse_verify_report_json(const nlohmann::json& j, const std::string& source) {
  JsonFieldReader top(j, "", source);
  VerifyReport report;
  if (top.at("format_version").integer() != kReportFormatVersion) {
    report.targets.push_back(parse_verify_json(j, source));
    return report;
  }
  if (top.at("format").str() != kFormat)
    top.at("format").fail(fmt::format("expected \"{}\": not a verify result", kFormat));
  JsonFieldReader targets = top.at("targets");
  for (size_t i = 0; i < targets.size(); ++i) {
    if (!j.at("targets").at(i).is_object()) targets.index(i).fail("expected an object");
    report.targets.push_back(
        parse_verify_json(j.at("targets").at(i), fmt::format("{}: targets[{}]", source, i)));
  }
  return report;
}

VerifyReport read_verify_report(const std::string& path) {
  return parse_verify_report_json(read_json_file(path), path);
}

}  // namespace isocheck
