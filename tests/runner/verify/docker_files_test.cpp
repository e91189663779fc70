// What of docker/ can be checked without a Docker engine: its targets file
// is one isocheck reads (every official image 12..17 plus the PgBouncer),
// and Debian's docker-compose parses compose.yaml into the services the
// README promises. Neither starts a container.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "runner/verify/target_spec.h"
#include "tests/support/test_paths.h"

namespace isocheck::runner {
namespace {

const std::string kDockerDir = std::string(ISOCHECK_SOURCE_DIR) + "/docker";

TEST(DockerFilesTest, TheTargetsFileNamesEveryVersionFrom12To17AndThePgBouncer) {
  std::vector<TargetSpec> targets = read_targets_file(kDockerDir + "/targets.txt");
  ASSERT_EQ(targets.size(), 7u);
  for (int version = 12; version <= 17; ++version) {
    const TargetSpec& t = targets[static_cast<size_t>(version - 12)];
    EXPECT_EQ(t.name, "pg" + std::to_string(version));
    EXPECT_EQ(t.kind, TargetKind::kDsn);
    EXPECT_NE(t.dsn.find("host=pg" + std::to_string(version)), std::string::npos) << t.dsn;
  }
  EXPECT_EQ(targets.back().kind, TargetKind::kDsn);
  EXPECT_NE(targets.back().dsn.find("host=pgbouncer port=6432"), std::string::npos);
}

TEST(DockerFilesTest, DockerComposeParsesTheComposeFile) {
  if (::access("/usr/bin/docker-compose", X_OK) != 0)
    GTEST_SKIP() << "docker-compose not installed (scripts/install-deps.sh installs it)";
  std::string command =
      "/usr/bin/docker-compose -f " + kDockerDir + "/compose.yaml config --services 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), &::pclose);
  ASSERT_TRUE(pipe);
  std::string out;
  char buf[512];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe.get())) out.append(buf, n);
  int status = ::pclose(pipe.release());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << out;
  for (const char* service :
       {"pg12", "pg13", "pg14", "pg15", "pg16", "pg17", "pgbouncer", "isocheck"})
    EXPECT_NE(out.find(std::string(service) + "\n"), std::string::npos) << service << "\n" << out;
}

}  // namespace
}  // namespace isocheck::runner
