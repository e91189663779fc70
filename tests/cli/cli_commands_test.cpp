// End-to-end tests of the isocheck executable's offline subcommands:
// explain writes its files, convert round-trips, and bad input or usage
// exits 2 with one line on stderr.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/support/isocheck_command.h"
#include "tests/support/test_paths.h"

namespace isocheck {
namespace {

namespace fs = std::filesystem;

using testing::CommandOutput;

class CliCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("isocheck-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  CommandOutput run(const std::string& args) {
    return testing::run_isocheck(args, (dir_ / "stderr.txt").string());
  }

  static std::string history(const std::string& name) {
    return testing::source_path("histories/" + name);
  }

  fs::path dir_;
};

TEST_F(CliCommands, ExplainWritesTextAndDotForEveryWitnessWithOptionsAnywhere) {
  fs::path out = dir_ / "explain";
  CommandOutput r = run("explain --model serializable " + history("la-g2-item-write-skew.edn") +
                        " --out " + out.string());
  ASSERT_EQ(r.exit_code, 1) << r.err;
  ASSERT_TRUE(fs::exists(out / "G2-item-1.txt"));
  ASSERT_TRUE(fs::exists(out / "G2-item-1.dot"));
  ASSERT_TRUE(fs::exists(out / "index.txt"));
  std::ifstream txt(out / "G2-item-1.txt");
  std::stringstream text;
  text << txt.rdbuf();
  EXPECT_NE(text.str().find("(rw)"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("T0 (process 0, ok"), std::string::npos) << text.str();
  std::ifstream dot(out / "G2-item-1.dot");
  std::stringstream graph;
  graph << dot.rdbuf();
  EXPECT_NE(graph.str().find("digraph"), std::string::npos);
  EXPECT_NE(graph.str().find("label=\"rw\""), std::string::npos);
  if (fs::exists("/usr/bin/dot")) {
    EXPECT_TRUE(fs::exists(out / "G2-item-1.svg"));
  }
}

// explain writes at most --max-witnesses witnesses per kind; 0 writes all.
TEST_F(CliCommands, ExplainCapsWitnessesPerKindAndZeroMeansAll) {
  // Ten aborted reads of ten keys: ten G1a witnesses.
  fs::path file = dir_ / "ten-g1a.edn";
  {
    std::ofstream edn(file);
    for (int key = 1; key <= 10; ++key) {
      const int index = (key - 1) * 4;
      const int64_t t = key * 10'000;
      edn << "{:index " << index << ", :type :invoke, :process 0, :f :txn, :value [[:append " << key
          << " 1]], :time " << t << "}\n"
          << "{:index " << index + 1 << ", :type :fail, :process 0, :f :txn, :value [[:append "
          << key << " 1]], :time " << t + 1 << "}\n"
          << "{:index " << index + 2 << ", :type :invoke, :process 1, :f :txn, :value [[:r " << key
          << " nil]], :time " << t + 2 << "}\n"
          << "{:index " << index + 3 << ", :type :ok, :process 1, :f :txn, :value [[:r " << key
          << " [1]]], :time " << t + 3 << "}\n";
    }
  }
  auto explained = [&](const std::string& option) {
    static int call = 0;
    fs::path out = dir_ / ("explain-" + std::to_string(++call));
    CommandOutput r = run("explain " + file.string() + " --out " + out.string() + " " + option);
    EXPECT_EQ(r.exit_code, 1) << option << ": " << r.err;
    size_t n = 0;
    while (fs::exists(out / ("G1a-" + std::to_string(n + 1) + ".txt"))) ++n;
    return n;
  };
  EXPECT_EQ(explained(""), 8u);
  EXPECT_EQ(explained("--max-witnesses 3"), 3u);
  EXPECT_EQ(explained("--max-witnesses 0"), 10u);
}

TEST_F(CliCommands, ConvertRoundTripsThroughEveryFormatWithTheSameVerdict) {
  std::string edn = history("rw-lost-update.edn");
  std::string pb = (dir_ / "h.pb").string(), jsonl = (dir_ / "h.jsonl").string(),
              back = (dir_ / "back.edn").string();
  ASSERT_EQ(run("convert " + edn + " " + pb).exit_code, 0);
  ASSERT_EQ(run("convert " + pb + " " + jsonl).exit_code, 0);
  ASSERT_EQ(run("convert " + jsonl + " " + back).exit_code, 0);
  std::string first = run("check --json --model serializable " + edn).out;
  for (const std::string& file : {pb, jsonl, back}) {
    CommandOutput r = run("check --json --model serializable " + file);
    EXPECT_EQ(r.exit_code, 1) << file;
    auto a = nlohmann::json::parse(first), b = nlohmann::json::parse(r.out);
    EXPECT_EQ(a["anomaly_types"], b["anomaly_types"]) << file;
    EXPECT_EQ(a["stats"]["transactions"], b["stats"]["transactions"]) << file;
  }
}

TEST_F(CliCommands, BadInputExitsTwoWithOneLineNamingTheFileAndLine) {
  CommandOutput r = run("check " + history("bad-cut-line.edn"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("bad-cut-line.edn"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 2"), std::string::npos) << r.err;

  std::string random = (dir_ / "random.pb").string();
  std::ofstream(random) << "\x07\x93garbage\xff\x01 not a history";
  r = run("check " + random);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;

  std::string empty = (dir_ / "empty.edn").string();
  std::ofstream(empty).flush();
  EXPECT_EQ(run("check " + empty).exit_code, 2);
  EXPECT_EQ(run("check " + (dir_ / "missing.edn").string()).exit_code, 2);
}

TEST_F(CliCommands, UsageErrorsExitTwo) {
  EXPECT_EQ(run("check --model no-such-model " + history("la-valid-serial.edn")).exit_code, 2);
  EXPECT_EQ(run("check --isolation snapshot " + history("la-valid-serial.edn")).exit_code, 2);
  EXPECT_EQ(run("frobnicate").exit_code, 2);
  EXPECT_EQ(run("check").exit_code, 2);
  EXPECT_EQ(run("--help").exit_code, 0);
}

TEST_F(CliCommands, IsolationChecksWhatPostgresClaims) {
  // Write skew is allowed at repeatable read (snapshot isolation) but not at serializable.
  EXPECT_EQ(
      run("check --isolation repeatable-read " + history("la-g2-item-write-skew.edn")).exit_code,
      0);
  EXPECT_EQ(run("check --isolation serializable " + history("la-g2-item-write-skew.edn")).exit_code,
            1);
}

TEST_F(CliCommands, TimeGoingBackwardsWarnsOnceAndNoTimeIgnoresIt) {
  // T1 is invoked after T0 completed (by index) but timed before it, and
  // reads nil: a stale read, found through the indices.
  std::string path = (dir_ / "backwards.edn").string();
  std::ofstream(path)
      << "{:type :invoke, :f :txn, :value [[:w 1 1]], :time 500, :process 0, :index 0}\n"
         "{:type :ok, :f :txn, :value [[:w 1 1]], :time 600, :process 0, :index 1}\n"
         "{:type :invoke, :f :txn, :value [[:r 1 nil]], :time 100, :process 1, :index 2}\n"
         "{:type :ok, :f :txn, :value [[:r 1 nil]], :time 200, :process 1, :index 3}\n";
  CommandOutput r = run("check --model strict-serializable " + path);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("time goes backwards"), std::string::npos) << r.err;

  r = run("check --no-time --model strict-serializable " + path);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace isocheck
