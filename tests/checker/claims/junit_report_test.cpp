#include "checker/claims/junit_report.h"

#include <gtest/gtest.h>

#include "tests/checker/claims/cell_fixtures.h"
#include "tests/support/xml_tree.h"

namespace isocheck {
namespace {

using testing::make_cell;
using testing::make_result;
using testing::parse_xml_tree;
using K = AnomalyKind;

const testing::XmlElement* testcase(const testing::XmlElement& root, const std::string& level,
                                    const std::string& name) {
  for (const auto* tc : root.find_all("testcase"))
    if (tc->attr("classname") == level && tc->attr("name") == name) return tc;
  return nullptr;
}

TEST(JunitReport, OneTestcasePerClaimWithFailuresAndSkips) {
  VerifyResult r = make_result({make_cell("serializable", "list-append", {{K::kG2Item, 3}}),
                                make_cell("repeatable-read", "list-append", {{K::kG2Item, 1}})});
  auto root = parse_xml_tree(junit_xml(r));
  ASSERT_EQ(root->name, "testsuites");
  EXPECT_EQ(root->find_all("testcase").size(), r.claims.claims.size());
  EXPECT_EQ(root->attr("failures"), "1");

  const auto* violated = testcase(*root, "serializable", "serialization anomaly");
  ASSERT_NE(violated, nullptr);
  const auto* failure = violated->child("failure");
  ASSERT_NE(failure, nullptr);
  EXPECT_NE(failure->text.find("form a G2-item cycle on key 7"), std::string::npos);
  EXPECT_NE(failure->attr("message").find("seen 3 time"), std::string::npos);

  const auto* phantom = testcase(*root, "serializable", "phantom read");
  ASSERT_NE(phantom, nullptr);
  EXPECT_NE(phantom->child("skipped"), nullptr);

  const auto* allowed = testcase(*root, "repeatable-read", "serialization anomaly");
  ASSERT_NE(allowed, nullptr);
  EXPECT_EQ(allowed->child("failure"), nullptr);
  EXPECT_NE(allowed->child("system-out"), nullptr);

  const auto* holds = testcase(*root, "serializable", "dirty read");
  ASSERT_NE(holds, nullptr);
  EXPECT_TRUE(holds->children.empty());
}

TEST(JunitReport, HostileTextStaysWellFormed) {
  CellOutcome c = make_cell("serializable", "rw-register", {{K::kG1a, 1}});
  c.anomalies[0].witness = {"T1 read <\"x\"> & ']]>' from </testcase>",
                            "bell \x07 and bad utf8 \xff\xfe",
                            "error: relation \"t\" <does not exist>"};
  VerifyResult r = make_result({c});
  r.settings["odd<setting>"] = "a\"b'c&d";
  std::string xml = junit_xml(r);
  auto root = parse_xml_tree(xml);
  const auto* tc = testcase(*root, "serializable", "dirty read");
  ASSERT_NE(tc, nullptr);
  ASSERT_NE(tc->child("failure"), nullptr);
  EXPECT_NE(tc->child("failure")->text.find("T1 read <\"x\"> & ']]>' from </testcase>"),
            std::string::npos);
  EXPECT_EQ(xml.find('\x07'), std::string::npos);
  EXPECT_EQ(xml.find('\xff'), std::string::npos);
  bool found = false;
  for (const auto* p : root->find_all("property"))
    found |= p->attr("name") == "setting.odd<setting>" && p->attr("value") == "a\"b'c&d";
  EXPECT_TRUE(found);
}

TEST(JunitReport, UnknownClaimsAreSkippedWithTheReason) {
  VerifyResult r = make_result({make_cell("serializable", "list-append", {}, true)});
  auto root = parse_xml_tree(junit_xml(r));
  const auto* tc = testcase(*root, "serializable", "serialization anomaly");
  ASSERT_NE(tc, nullptr);
  ASSERT_NE(tc->child("skipped"), nullptr);
  EXPECT_NE(tc->child("skipped")->attr("message").find("50000000 steps"), std::string::npos);
}

}  // namespace
}  // namespace isocheck
