// Runs the isocheck executable on every curated history in histories/ and
// compares its verdict with the one worked out by hand in
// histories/expected.json.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/test_paths.h"

namespace isocheck {
namespace {

struct CommandOutput {
  int exit_code;
  std::string out;
};

CommandOutput run(const std::string& args) {
  std::string cmd = testing::isocheck_binary() + " " + args + " 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

TEST(CuratedHistories, VerdictsMatchTheHandWorkedExpectations) {
  std::ifstream in(testing::source_path("histories/expected.json"));
  ASSERT_TRUE(in) << "histories/expected.json missing";
  nlohmann::json expected = nlohmann::json::parse(in);
  int checked = 0;
  for (const auto& [file, cases] : expected.items()) {
    if (file.starts_with("_")) continue;
    for (const auto& c : cases) {
      std::string models;
      for (const auto& m : c["models"]) models += " --model " + m.get<std::string>();
      CommandOutput r =
          run("check --json" + models + " " + testing::source_path("histories/" + file));
      SCOPED_TRACE(file + models);
      EXPECT_EQ(r.exit_code, c["exit"].get<int>());
      ++checked;
      if (c["exit"].get<int>() == 2) continue;
      nlohmann::json verdict = nlohmann::json::parse(r.out, nullptr, false);
      ASSERT_FALSE(verdict.is_discarded()) << r.out;
      EXPECT_EQ(verdict["valid"].get<bool>(), c["exit"].get<int>() == 0);
      auto types = verdict["anomaly_types"].get<std::vector<std::string>>();
      EXPECT_EQ(types, c["anomaly_types"].get<std::vector<std::string>>());
    }
  }
  EXPECT_GE(checked, 15);
}

}  // namespace
}  // namespace isocheck
