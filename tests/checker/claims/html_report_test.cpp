#include "checker/claims/html_report.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "checker/report/graphviz.h"
#include "tests/checker/claims/cell_fixtures.h"
#include "tests/support/xml_tree.h"

namespace isocheck {
namespace {

namespace fs = std::filesystem;
using testing::make_cell;
using testing::make_result;
using K = AnomalyKind;

class HtmlReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("isocheck-html-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string read(const std::string& name) {
    std::ifstream in(dir_ / name);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  fs::path dir_;
};

TEST_F(HtmlReportTest, HasTheClaimsTableMappingChartsAndWitnesses) {
  VerifyResult r = make_result({make_cell("serializable", "list-append", {{K::kG2Item, 3}}),
                                make_cell("repeatable-read", "bank")});
  HtmlReportOutput out = write_html_report(r, dir_.string());
  std::string html = read("index.html");
  ASSERT_FALSE(html.empty());
  EXPECT_NE(html.find("<table id=\"claims\""), std::string::npos);
  EXPECT_NE(html.find("class=\"verdict-violated\""), std::string::npos);
  EXPECT_NE(html.find("class=\"verdict-not-tested\""), std::string::npos);
  EXPECT_NE(html.find("<table id=\"mapping\""), std::string::npos);
  // One inline chart per cell.
  size_t charts = 0;
  for (size_t at = html.find("<svg class=\"timeline\""); at != std::string::npos;
       at = html.find("<svg class=\"timeline\"", at + 1))
    ++charts;
  EXPECT_EQ(charts, 0u) << "charts carry the xmlns first";
  for (size_t at = html.find("class=\"timeline\""); at != std::string::npos;
       at = html.find("class=\"timeline\"", at + 1))
    ++charts;
  EXPECT_EQ(charts, 2u);
  EXPECT_NE(html.find("form a G2-item cycle on key 7"), std::string::npos);
  // Self-contained: nothing fetched from elsewhere, no script.
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  if (out.graphviz) {
    EXPECT_TRUE(fs::exists(dir_ / "serializable-list-append-G2-item.svg"));
    EXPECT_NE(html.find("src=\"serializable-list-append-G2-item.svg\""), std::string::npos);
  } else {
    EXPECT_NE(html.find("<code>dot</code> is not installed"), std::string::npos);
  }
}

TEST_F(HtmlReportTest, ChartsAreWellFormedSvg) {
  VerifyResult r = make_result({make_cell("read-committed", "rw-register")});
  write_html_report(r, dir_.string());
  std::string html = read("index.html");
  size_t begin = html.find("<svg");
  size_t end = html.find("</svg>", begin);
  ASSERT_NE(end, std::string::npos);
  auto svg = testing::parse_xml_tree(html.substr(begin, end + 6 - begin));
  EXPECT_EQ(svg->find_all("polyline").size(), 2u);  // ok/s and abort rate
  ASSERT_NE(svg->child("title"), nullptr);
  EXPECT_NE(svg->child("title")->text.find("read-committed / rw-register"), std::string::npos);
}

TEST_F(HtmlReportTest, LinksPointFromTheReportToTheOutputDirectory) {
  fs::create_directories(dir_ / "out");
  VerifyResult r = make_result({make_cell("serializable", "bank", {{K::kG1c, 1}})});
  r.out_dir = (dir_ / "out").string();
  write_html_report(r, (dir_ / "report").string());
  std::ifstream in(dir_ / "report" / "index.html");
  std::ostringstream s;
  s << in.rdbuf();
  EXPECT_NE(s.str().find("href=\"../out/serializable-bank.explain/G1c-1.txt\""), std::string::npos);
  EXPECT_NE(s.str().find("href=\"../out/serializable-bank.pb\""), std::string::npos);
}

TEST_F(HtmlReportTest, HostileTextIsEscaped) {
  CellOutcome c = make_cell("serializable", "bank", {{K::kG1a, 1}});
  c.anomalies[0].witness = {"<script>alert(1)</script>"};
  write_html_report(make_result({c}), dir_.string());
  std::string html = read("index.html");
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

}  // namespace
}  // namespace isocheck
