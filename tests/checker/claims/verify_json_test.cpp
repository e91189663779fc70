#include "checker/claims/verify_json.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/checker/claims/cell_fixtures.h"

namespace isocheck {
namespace {

using testing::make_cell;
using testing::make_result;
using K = AnomalyKind;

VerifyResult sample() {
  return make_result({make_cell("repeatable-read", "list-append", {{K::kG2Item, 2}}),
                      make_cell("serializable", "bank", {{K::kGSingleItem, 1}}),
                      make_cell("serializable", "list-append", {}, true)});
}

std::string message_of(const nlohmann::json& j) {
  try {
    parse_verify_json(j, "night.json");
  } catch (const VerifyJsonError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(VerifyJson, RoundTripKeepsEverything) {
  VerifyResult r = sample();
  nlohmann::json first = verify_json(r);
  VerifyResult back = parse_verify_json(first, "x.json");
  EXPECT_EQ(verify_json(back), first);
  ASSERT_EQ(back.cells.size(), 3u);
  EXPECT_EQ(back.cells[0].anomalies[0].kind, K::kG2Item);
  EXPECT_EQ(back.cells[0].timeline.buckets.size(), 3u);
  EXPECT_EQ(back.settings.at("fsync"), "off");
  EXPECT_EQ(back.claims.violated(), r.claims.violated());
  EXPECT_EQ(back.claims.details.size(), r.claims.details.size());
}

TEST(VerifyJson, SaysWhatWasJudged) {
  nlohmann::json j = verify_json(sample());
  EXPECT_TRUE(j["violated"].get<bool>());  // G-single under serializable
  EXPECT_TRUE(j["unknown"].get<bool>());
  bool saw_violation = false;
  for (const auto& claim : j["claims"])
    if (claim["level"] == "serializable" && claim["phenomenon"] == "nonrepeatable-read") {
      EXPECT_EQ(claim["verdict"], "violated");
      EXPECT_EQ(claim["observed"], 1);
      EXPECT_EQ(claim["witness"]["kind"], "G-single-item");
      saw_violation = true;
    }
  EXPECT_TRUE(saw_violation);
  const auto& cell = j["cells"][0];
  EXPECT_EQ(cell["anomaly_types"], nlohmann::json::array({"G2-item"}));
  EXPECT_EQ(cell["anomaly_counts"]["G2-item"], 2);
  EXPECT_EQ(cell["verdicts"]["serialization-anomaly"], "allowed-seen");
  EXPECT_EQ(j["mapping"].size(), static_cast<size_t>(kPhenomenonCount));
}

TEST(VerifyJson, BadFieldsNameTheFileAndTheField) {
  nlohmann::json j = verify_json(sample());
  nlohmann::json bad = j;
  bad["cells"][1]["throughput"] = "fast";
  EXPECT_EQ(message_of(bad), "night.json: cells[1].throughput: expected a number");
  bad = j;
  bad["claims"][4].erase("verdict");
  EXPECT_EQ(message_of(bad), "night.json: claims[4].verdict: missing");
  bad = j;
  bad["cells"][0]["anomalies"][0]["kind"] = "G9";
  EXPECT_EQ(message_of(bad), "night.json: cells[0].anomalies[0].kind: unknown anomaly kind \"G9\"");
  bad = j;
  bad["format"] = "something-else";
  EXPECT_NE(message_of(bad).find("night.json: format:"), std::string::npos);
  EXPECT_NE(message_of(nlohmann::json::array()).find("night.json: (top level): expected an object"),
            std::string::npos);
}

TEST(VerifyJson, UnreadableOrMalformedFilesGiveOneLine) {
  auto dir = std::filesystem::temp_directory_path() / "isocheck-verify-json-test";
  std::filesystem::create_directories(dir);
  std::string path = (dir / "broken.json").string();
  std::ofstream(path) << "{\"format\": \"isocheck-verify\",";
  try {
    read_verify_json(path);
    ADD_FAILURE() << "no error";
  } catch (const VerifyJsonError& e) {
    std::string what = e.what();
    EXPECT_EQ(what.rfind(path + ": byte ", 0), 0u) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos);
  }
  EXPECT_THROW(read_verify_json((dir / "absent.json").string()), VerifyJsonError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace isocheck
