// The throwaway server learns its binaries' version before choosing initdb
// options and settings; refuses what is too old or not PostgreSQL; and a
// failed initdb reports its own cause and keeps its log.
#include "runner/cluster/server_version.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "runner/cluster/embedded_cluster.h"
#include "runner/cluster/version_options.h"
#include "tests/runner/cluster/fake_server_binaries.h"
#include "tests/runner/cluster/sql_probe.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;
using testing::FakeServerBinaries;
using testing::query_value;

class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "isocheck-version-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
    fs::permissions(path_, fs::perms::all, fs::perm_options::add);  // postgres must traverse
    fs::create_directory(path_ / "bin");
    fs::permissions(path_ / "bin", fs::perms::all, fs::perm_options::add);
    fs::create_directory(path_ / "tmp");
    fs::permissions(path_ / "tmp", fs::perms::all, fs::perm_options::add);
  }
  ~ScratchDir() { fs::remove_all(path_); }
  fs::path bin() const { return path_ / "bin"; }
  fs::path tmp() const { return path_ / "tmp"; }
  std::vector<fs::path> left_in_tmp() const {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(tmp())) out.push_back(e.path());
    return out;
  }

 private:
  fs::path path_;
};

ClusterOptions options_in(const ScratchDir& scratch) {
  ClusterOptions o;
  o.bin_dir = scratch.bin();
  o.parent_dir = scratch.tmp();
  return o;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(ServerVersionTest, ParsesTheVersionLinesOfRealServers) {
  auto debian =
      parse_postgres_version_line("postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n");
  ASSERT_TRUE(debian);
  EXPECT_EQ(debian->major, 15);
  EXPECT_EQ(debian->minor, 18);
  auto old = parse_postgres_version_line("postgres (PostgreSQL) 9.6.24");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->major, 9);
  EXPECT_EQ(old->minor, 6);
  auto beta = parse_postgres_version_line("postgres (PostgreSQL) 17beta1");
  ASSERT_TRUE(beta);
  EXPECT_EQ(beta->major, 17);
  EXPECT_FALSE(parse_postgres_version_line("mysqld  Ver 8.0.36 for Linux on x86_64"));
  EXPECT_FALSE(parse_postgres_version_line("postgres (PostgreSQL) beta"));
  EXPECT_FALSE(parse_postgres_version_line(""));
}

TEST(ServerVersionTest, VersionNumbersOfBothNumberingSchemes) {
  ServerVersion v = version_from_number(150018, "x");
  EXPECT_EQ(v.major, 15);
  EXPECT_EQ(v.minor, 18);
  v = version_from_number(90624, "x");
  EXPECT_EQ(v.major, 9);
  EXPECT_EQ(v.minor, 6);
  EXPECT_THROW(require_supported(version_from_number(110022, "11.22"), "dsn"), UnsupportedServer);
  EXPECT_NO_THROW(require_supported(version_from_number(120001, "12.1"), "dsn"));
}

TEST(VersionOptionsTest, NoInstructionsOnlyFrom14) {
  for (int major : {12, 13, 14, 15, 17}) {
    std::vector<std::string> argv = initdb_arguments({major, 0, ""}, "/b", "/d");
    bool has = std::find(argv.begin(), argv.end(), "--no-instructions") != argv.end();
    EXPECT_EQ(has, major >= 14) << major;
    EXPECT_EQ(argv.front(), "/b/initdb");
  }
}

TEST(VersionOptionsTest, WalKeepSizeBecomesSegmentsBefore13) {
  std::vector<std::pair<std::string, std::string>> s = {{"wal_keep_size", "256MB"},
                                                        {"fsync", "off"}};
  auto twelve = settings_for_version({12, 0, ""}, s);
  ASSERT_EQ(twelve.size(), 2u);
  EXPECT_EQ(twelve[0], (std::pair<std::string, std::string>{"wal_keep_segments", "16"}));
  EXPECT_EQ(twelve[1], s[1]);
  EXPECT_EQ(settings_for_version({13, 0, ""}, s), s);
  EXPECT_THROW(settings_for_version({12, 0, ""}, {{"wal_keep_size", "lots"}}), ClusterError);
}

TEST(EmbeddedVersionTest, AThirteenWithoutNoInstructionsStartsAndReportsItsVersion) {
  ScratchDir scratch;
  FakeServerBinaries fake(scratch.bin(), "postgres (PostgreSQL) 13.99 (isocheck test)", true);
  {
    EmbeddedCluster cluster(options_in(scratch));
    EXPECT_EQ(cluster.server_version().major, 13);
    EXPECT_EQ(query_value(cluster.conninfo(), "SELECT 6 * 7"), "42");
  }
  EXPECT_TRUE(scratch.left_in_tmp().empty());
}

TEST(EmbeddedVersionTest, AFailedInitdbPrintsItsCauseAndKeepsItsLog) {
  ScratchDir scratch;
  // Claims 14, so --no-instructions is passed, but refuses it as 13 would.
  FakeServerBinaries fake(scratch.bin(), "postgres (PostgreSQL) 14.0", true);
  try {
    EmbeddedCluster cluster(options_in(scratch));
    FAIL() << "initdb was expected to fail";
  } catch (const ClusterError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("unrecognized option '--no-instructions'"), std::string::npos) << what;
    EXPECT_EQ(what.find("Try \""), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    std::vector<fs::path> left = scratch.left_in_tmp();
    ASSERT_EQ(left.size(), 1u) << "only the kept log stays";
    EXPECT_NE(what.find(left[0].string()), std::string::npos) << what;
    EXPECT_NE(read_all(left[0]).find("--no-instructions"), std::string::npos);
  }
}

TEST(EmbeddedVersionTest, AnOlderServerIsRefusedWithOneLine) {
  ScratchDir scratch;
  FakeServerBinaries fake(scratch.bin(), "postgres (PostgreSQL) 11.22", false);
  try {
    EmbeddedCluster cluster(options_in(scratch));
    FAIL() << "a PostgreSQL 11 was accepted";
  } catch (const UnsupportedServer& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("PostgreSQL 11 is older than 12"), std::string::npos) << what;
    EXPECT_NE(what.find(scratch.bin().string()), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
  EXPECT_TRUE(scratch.left_in_tmp().empty());
}

TEST(EmbeddedVersionTest, SomethingElseIsRefusedAsNotPostgres) {
  ScratchDir scratch;
  FakeServerBinaries fake(scratch.bin(), "mysqld  Ver 8.0.36 for Linux on x86_64", false);
  try {
    EmbeddedCluster cluster(options_in(scratch));
    FAIL() << "a server that is not PostgreSQL was accepted";
  } catch (const UnsupportedServer& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("is not a PostgreSQL server"), std::string::npos) << what;
    EXPECT_NE(what.find("mysqld  Ver 8.0.36"), std::string::npos) << what;
  }
  EXPECT_TRUE(scratch.left_in_tmp().empty());
}

}  // namespace
}  // namespace isocheck::runner
