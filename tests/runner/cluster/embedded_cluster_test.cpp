#include "runner/cluster/embedded_cluster.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "runner/cluster/child_command.h"
#include "runner/cluster/server_info.h"
#include "tests/runner/cluster/sql_probe.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;
using testing::query_value;
using testing::server_answers;

ClusterOptions options_with(std::vector<std::pair<std::string, std::string>> settings,
                            std::optional<fs::path> parent_dir = std::nullopt,
                            std::optional<fs::path> bin_dir = std::nullopt) {
  ClusterOptions options;
  options.settings = std::move(settings);
  options.parent_dir = std::move(parent_dir);
  options.bin_dir = std::move(bin_dir);
  return options;
}

// A private parent dir per test, so a test can see what a cluster left.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "isocheck-cluster-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
    fs::permissions(path_, fs::perms::all, fs::perm_options::add);  // postgres must traverse
  }
  ~ScratchDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  bool empty() const { return fs::is_empty(path_); }

 private:
  fs::path path_;
};

TEST(EmbeddedClusterTest, StartsAnswersReportsVersionAndRemovesItsDirWhenDestroyed) {
  ScratchDir scratch;
  fs::path root;
  std::string conninfo;
  {
    EmbeddedCluster cluster(options_with({}, scratch.path()));
    conninfo = cluster.conninfo();
    root = cluster.data_dir().parent_path();
    EXPECT_EQ(root.parent_path(), scratch.path());
    EXPECT_TRUE(fs::exists(cluster.data_dir() / "PG_VERSION"));
    EXPECT_EQ(query_value(conninfo, "SELECT 20 + 22"), "42");
    EXPECT_EQ(query_value(conninfo, "SHOW max_connections"), "200");
    EXPECT_EQ(query_value(conninfo, "SHOW fsync"), "off");
    EXPECT_EQ(query_value(conninfo, "SHOW listen_addresses"), "127.0.0.1");

    proto::Header header;
    fetch_server_info(conninfo, header);
    EXPECT_EQ(header.database_version().rfind("PostgreSQL ", 0), 0u) << header.database_version();
    EXPECT_EQ(header.settings().at("port"), std::to_string(cluster.port()));
    EXPECT_EQ(header.settings().at("full_page_writes"), "off");
    EXPECT_EQ(header.settings().count("work_mem"), 0u) << "defaults must be left out";
  }
  EXPECT_FALSE(fs::exists(root));
  EXPECT_TRUE(scratch.empty());
  EXPECT_FALSE(server_answers(conninfo));
}

TEST(EmbeddedClusterTest, TwoClustersRunAtOnceOnDistinctPorts) {
  EmbeddedCluster first(ClusterOptions{});
  EmbeddedCluster second(ClusterOptions{});
  EXPECT_NE(first.port(), second.port());
  EXPECT_NE(first.data_dir(), second.data_dir());
  EXPECT_EQ(query_value(first.conninfo(), "SHOW port"), std::to_string(first.port()));
  EXPECT_EQ(query_value(second.conninfo(), "SHOW port"), std::to_string(second.port()));
}

TEST(EmbeddedClusterTest, CallerSettingsAreAppliedAndWinOverDefaults) {
  EmbeddedCluster cluster(options_with({{"max_connections", "37"},
                                        {"default_transaction_isolation", "serializable"},
                                        {"application_name", "it's quoted"}}));
  EXPECT_EQ(query_value(cluster.conninfo(), "SHOW max_connections"), "37");
  EXPECT_EQ(query_value(cluster.conninfo(), "SHOW default_transaction_isolation"), "serializable");
  EXPECT_EQ(query_value(cluster.conninfo(), "SELECT current_setting('application_name')"),
            "it's quoted");
}

TEST(EmbeddedClusterTest, StopIsIdempotentAndStopsTheServer) {
  EmbeddedCluster cluster(ClusterOptions{});
  ASSERT_TRUE(server_answers(cluster.conninfo()));
  cluster.stop();
  EXPECT_FALSE(server_answers(cluster.conninfo()));
  cluster.stop();
  EXPECT_TRUE(fs::exists(cluster.data_dir()));
}

TEST(EmbeddedClusterTest, BadPgBinGivesOneLineClusterError) {
  try {
    EmbeddedCluster cluster(options_with({}, std::nullopt, fs::path("/nonexistent/pg/bin")));
    FAIL() << "a cluster started without binaries";
  } catch (const ClusterError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("/nonexistent/pg/bin"), std::string::npos) << what;
    EXPECT_NE(what.find("initdb"), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

TEST(EmbeddedClusterTest, StartFailureReportsTheServerLogLineAndKeepsOnlyTheLog) {
  ScratchDir scratch;
  try {
    EmbeddedCluster cluster(options_with({{"no_such_parameter_xyz", "1"}}, scratch.path()));
    FAIL() << "the server started with an unknown setting";
  } catch (const ClusterError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("no_such_parameter_xyz"), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    std::vector<fs::path> left;
    for (const auto& entry : fs::directory_iterator(scratch.path())) left.push_back(entry.path());
    ASSERT_EQ(left.size(), 1u) << "the data dir must go, the server log stay";
    EXPECT_EQ(left[0].filename().string().substr(left[0].filename().string().size() - 10),
              "server.log");
    EXPECT_NE(what.find("log kept in " + left[0].string()), std::string::npos) << what;
  }
}

TEST(EmbeddedClusterTest, MalformedSettingNameIsRejectedBeforeAnythingStarts) {
  EXPECT_THROW(EmbeddedCluster(options_with({{"port = 1\nfsync", "on"}})), ClusterError);
}

TEST(EmbeddedClusterTest, KeptClusterOutlivesItsOwner) {
  fs::path data_dir;
  fs::path bin_dir;
  std::string conninfo;
  {
    EmbeddedCluster cluster(ClusterOptions{});
    cluster.keep();
    data_dir = cluster.data_dir();
    bin_dir = cluster.bin_dir();
    conninfo = cluster.conninfo();
  }
  bool answered = server_answers(conninfo);
  fs::path log = data_dir.parent_path() / "test-stop.log";
  ToolOutcome stopped = run_server_tool(
      {(bin_dir / "pg_ctl").string(), "-D", data_dir.string(), "-m", "fast", "-w", "stop"},
      server_os_user(), log, data_dir.parent_path(), std::chrono::seconds(60));
  fs::remove_all(data_dir.parent_path());
  EXPECT_TRUE(answered);
  EXPECT_TRUE(stopped.ok()) << last_log_line(log);
}

TEST(EmbeddedClusterTest, KilledServerRestartsOnTheSamePortWithItsData) {
  EmbeddedCluster cluster(ClusterOptions{});
  ASSERT_TRUE(query_value(cluster.conninfo(), "CREATE TABLE t AS SELECT 7 AS v; SELECT 1"));
  int port = cluster.port();
  cluster.kill_server();
  EXPECT_FALSE(server_answers(cluster.conninfo()));
  cluster.restart();
  EXPECT_EQ(cluster.port(), port);
  EXPECT_EQ(query_value(cluster.conninfo(), "SELECT v FROM t"), "7");
}

TEST(FindServerBinariesTest, FindsADirectoryWithAllServerTools) {
  fs::path dir = find_server_binaries(std::nullopt);
  for (const char* tool : {"initdb", "pg_ctl", "postgres"}) {
    EXPECT_TRUE(fs::exists(dir / tool)) << dir / tool;
  }
  EXPECT_EQ(find_server_binaries(dir), dir);
}

}  // namespace
}  // namespace isocheck::runner
