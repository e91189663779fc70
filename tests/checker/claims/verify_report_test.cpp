// Reports of a verify run over several targets: the claims that differ
// between targets, JSON version 2 read back, JUnit classnames per target,
// the side-by-side HTML index, and compare matching targets by name.
#include "checker/claims/verify_report.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "checker/claims/compare.h"
#include "checker/claims/html_targets_report.h"
#include "checker/claims/junit_report.h"
#include "checker/claims/verify_json.h"
#include "checker/claims/verify_report_text.h"
#include "tests/checker/claims/cell_fixtures.h"

namespace isocheck {
namespace {

namespace fs = std::filesystem;
using testing::make_cell;

VerifyResult target(const std::string& name, std::vector<CellOutcome> cells) {
  VerifyResult r;
  r.name = name;
  r.target = "embedded:";
  r.server_version = "PostgreSQL 15.18";
  r.settings = {{"default_transaction_isolation", "read committed"}, {"work_mem", "4MB"}};
  r.cells = std::move(cells);
  r.claims = judge_claims(r.cells);
  return r;
}

// Two targets: at repeatable read one shows write skew (allowed), the other
// a lost update (a violated claim); a third could not run.
VerifyReport three_targets() {
  VerifyReport report;
  report.targets.push_back(
      target("direct", {make_cell("repeatable-read", "list-append", {{AnomalyKind::kG2Item, 3}})}));
  report.targets.push_back(target(
      "pooled", {make_cell("repeatable-read", "list-append", {{AnomalyKind::kLostUpdate, 2}})}));
  VerifyResult broken;
  broken.name = "broken";
  broken.target = "/nonexistent/bin";
  broken.error = "--pg-bin /nonexistent/bin: no executable initdb there";
  report.targets.push_back(broken);
  return report;
}

TEST(VerifyReportTest, DifferencesListOnlyClaimsTwoTargetsJudgedDifferently) {
  VerifyReport report = three_targets();
  std::vector<ClaimDifference> diffs = claim_differences(report);
  ASSERT_FALSE(diffs.empty());
  bool serialization = false, lost_update = false;
  for (const ClaimDifference& d : diffs) {
    ASSERT_EQ(d.verdicts.size(), 3u);
    EXPECT_FALSE(d.verdicts[2]) << "the broken target judged nothing";
    EXPECT_NE(d.verdicts[0], d.verdicts[1]);
    serialization |= d.phenomenon == Phenomenon::kSerializationAnomaly;
    lost_update |= d.verdicts[1] == ClaimVerdict::kViolated;
  }
  EXPECT_TRUE(serialization);
  EXPECT_TRUE(lost_update);
  // Alike targets differ in nothing.
  VerifyReport alike;
  alike.targets = {target("a", {make_cell("serializable", "bank")}),
                   target("b", {make_cell("serializable", "bank")})};
  EXPECT_TRUE(claim_differences(alike).empty());
  EXPECT_TRUE(report.failed());
  EXPECT_TRUE(report.violated());
  EXPECT_FALSE(alike.failed());
}

TEST(VerifyReportTest, TextShowsEachTargetAndTheDifferencesSideBySide) {
  std::ostringstream out;
  print_verify_report(out, three_targets(), false);
  std::string text = out.str();
  for (const char* expected :
       {"=== target direct: embedded: ===", "=== target pooled: embedded: ===",
        "target broken could not run: --pg-bin /nonexistent/bin", "claims that differ between",
        "default_transaction_isolation=read committed", "CLAIM VIOLATED on some target"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  EXPECT_EQ(text.find("work_mem"), std::string::npos) << "only the settings that matter";
}

TEST(VerifyReportTest, JsonVersion2ReadsBackPerTargetAndVersion1AsOneTarget) {
  VerifyReport report = three_targets();
  nlohmann::json j = verify_report_json(report);
  EXPECT_EQ(j.at("format_version"), 2);
  EXPECT_EQ(j.at("targets").size(), 3u);
  EXPECT_FALSE(j.at("differences").empty());
  VerifyReport back = parse_verify_report_json(j, "mem.json");
  ASSERT_EQ(back.targets.size(), 3u);
  EXPECT_EQ(back.targets[1].name, "pooled");
  EXPECT_EQ(back.targets[2].error, report.targets[2].error);
  EXPECT_EQ(claim_differences(back).size(), claim_differences(report).size());

  VerifyReport single;
  single.targets.push_back(target("", {make_cell("serializable", "bank")}));
  nlohmann::json one = verify_report_json(single);
  EXPECT_EQ(one.at("format_version"), 1);
  VerifyReport single_back = parse_verify_report_json(one, "one.json");
  ASSERT_EQ(single_back.targets.size(), 1u);
  EXPECT_TRUE(single_back.single());

  j["targets"][1] = 7;
  EXPECT_THROW(parse_verify_report_json(j, "bad.json"), VerifyJsonError);
}

TEST(VerifyReportTest, JunitHasASuitePerTargetWithTargetSlashLevelClasses) {
  std::string xml = junit_xml(three_targets());
  EXPECT_NE(xml.find("classname=\"direct/repeatable-read\""), std::string::npos);
  EXPECT_NE(xml.find("classname=\"pooled/repeatable-read\""), std::string::npos);
  EXPECT_NE(xml.find("<error type=\"target could not run\""), std::string::npos);
  EXPECT_NE(xml.find("errors=\"1\""), std::string::npos);
  VerifyReport single;
  single.targets.push_back(target("", {make_cell("serializable", "bank")}));
  EXPECT_NE(junit_xml(single).find("classname=\"serializable\""), std::string::npos);
}

TEST(VerifyReportTest, HtmlIndexLinksEveryTargetsOwnReport) {
  fs::path dir =
      fs::temp_directory_path() / ("isocheck-targets-html-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  write_html_report(three_targets(), dir.string());
  std::ifstream in(dir / "index.html");
  std::stringstream html;
  html << in.rdbuf();
  EXPECT_NE(html.str().find("href=\"direct/index.html\""), std::string::npos);
  EXPECT_NE(html.str().find("Claims that differ between targets"), std::string::npos);
  EXPECT_NE(html.str().find("could not run"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir / "pooled" / "index.html"));
  fs::remove_all(dir);
}

TEST(VerifyReportTest, CompareMatchesTargetsByName) {
  VerifyReport before = three_targets();
  VerifyReport after = three_targets();
  // Tonight "direct" also loses an update; "broken" is gone, "new" came.
  after.targets[0] = target(
      "direct", {make_cell("repeatable-read", "list-append", {{AnomalyKind::kLostUpdate, 1}})});
  after.targets[2] = target("new", {make_cell("serializable", "bank")});
  ReportComparison c = compare_reports(before, after);
  EXPECT_EQ(c.newly_violated, 1u);
  ASSERT_EQ(c.targets.size(), 4u);
  EXPECT_EQ(c.targets[0].name, "direct");
  EXPECT_EQ(c.targets[0].comparison.newly_violated, 1u);
  EXPECT_EQ(c.targets[1].comparison.newly_violated, 0u);
  EXPECT_TRUE(c.targets[2].only_after);
  EXPECT_TRUE(c.targets[3].only_before);
  std::ostringstream out;
  print_report_comparison(out, c);
  EXPECT_NE(out.str().find("=== target broken: only in the first run ==="), std::string::npos);
}

}  // namespace
}  // namespace isocheck
