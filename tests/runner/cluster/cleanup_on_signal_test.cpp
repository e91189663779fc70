#include "runner/cluster/cleanup_on_signal.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "runner/cluster/embedded_cluster.h"
#include "tests/runner/cluster/sql_probe.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;
using testing::server_answers;

// Reads from `fd` until `delimiter`, for at most 120 s; "" on EOF/timeout.
std::string read_until(int fd, char delimiter) {
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  char c = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    ssize_t n = ::read(fd, &c, 1);
    if (n <= 0) return "";
    if (c == delimiter) return out;
    out += c;
  }
  return "";
}

int wait_exit_code(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

void write_all(int fd, const std::string& text) { (void)!::write(fd, text.data(), text.size()); }

TEST(CleanupOnSignalTest, ForkedChildNeverStopsTheParentsCluster) {
  EmbeddedCluster cluster(ClusterOptions{});
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Everything a worker could do by accident while unwinding or exiting.
    cluster.stop();
    cluster.emergency_stop();
    stop_registered_clusters();
    std::exit(0);  // runs the atexit hook too
  }
  EXPECT_EQ(wait_exit_code(child), 0);
  EXPECT_TRUE(server_answers(cluster.conninfo()));
  EXPECT_TRUE(fs::exists(cluster.data_dir()));
}

TEST(CleanupOnSignalTest, RequestStopIsVisibleAndClearable) {
  clear_stop_request();
  EXPECT_FALSE(stop_requested());
  request_stop();
  EXPECT_TRUE(stop_requested());
  clear_stop_request();
  EXPECT_FALSE(stop_requested());
}

// A child process plays `isocheck run`: it installs the signal handling,
// starts a cluster, reports its conninfo and dir, and polls stop_requested().
// The first SIGINT must only raise the flag; the second must stop the server,
// remove its dir and exit with 128 + SIGINT.
TEST(CleanupOnSignalTest, FirstInterruptRequestsStopSecondRemovesTheCluster) {
  int to_parent[2];
  ASSERT_EQ(::pipe(to_parent), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(to_parent[0]);
    install_signal_cleanup();
    EmbeddedCluster cluster(ClusterOptions{});
    write_all(to_parent[1],
              cluster.conninfo() + "\n" + cluster.data_dir().parent_path().string() + "\n");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (!stop_requested() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    write_all(to_parent[1], stop_requested() ? "stop-requested\n" : "timeout\n");
    // Stays here, as a run stuck in a long step would, until the second
    // interrupt ends the process.
    while (std::chrono::steady_clock::now() < deadline + std::chrono::seconds(60)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::_Exit(3);
  }
  ::close(to_parent[1]);
  std::string conninfo = read_until(to_parent[0], '\n');
  fs::path root = read_until(to_parent[0], '\n');
  ASSERT_FALSE(conninfo.empty());
  EXPECT_TRUE(server_answers(conninfo));

  ASSERT_EQ(::kill(child, SIGINT), 0);
  EXPECT_EQ(read_until(to_parent[0], '\n'), "stop-requested");
  EXPECT_TRUE(server_answers(conninfo)) << "the first interrupt must not stop the server";

  ASSERT_EQ(::kill(child, SIGINT), 0);
  EXPECT_EQ(wait_exit_code(child), 128 + SIGINT);
  ::close(to_parent[0]);
  EXPECT_FALSE(server_answers(conninfo));
  EXPECT_FALSE(fs::exists(root)) << root;
}

}  // namespace
}  // namespace isocheck::runner
