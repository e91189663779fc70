#include "tests/runner/isolation/shared_cluster.h"

#include <gtest/gtest.h>

#include <memory>

#include "runner/cluster/embedded_cluster.h"

namespace isocheck::runner::testing {

namespace {

class SharedCluster : public ::testing::Environment {
 public:
  void SetUp() override {
    ClusterOptions o;
    o.settings.emplace_back("deadlock_timeout", "20ms");
    try {
      cluster_ = std::make_unique<EmbeddedCluster>(o);
    } catch (const ClusterError& e) {
      FAIL() << "cannot start the shared server: " << e.what();
    }
    dsn_ = cluster_->conninfo();
  }
  void TearDown() override { cluster_.reset(); }

  static std::string dsn_;

 private:
  std::unique_ptr<EmbeddedCluster> cluster_;
};

std::string SharedCluster::dsn_;

// Registered before gtest_main's RUN_ALL_TESTS; gtest owns the object.
[[maybe_unused]] ::testing::Environment* const kSharedCluster =
    ::testing::AddGlobalTestEnvironment(new SharedCluster);

}  // namespace

const std::string& shared_cluster_dsn() { return SharedCluster::dsn_; }

}  // namespace isocheck::runner::testing
