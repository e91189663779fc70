#include "runner/record/shard_merge.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <tuple>
#include <vector>

#include "checker/formats/protobuf_stream_writer.h"
#include "runner/record/history_recorder.h"
#include "checker/formats/record_stream_reader.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;

class ShardMergeTest : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const auto& path : created_) fs::remove(path);
  }

  std::string path(const std::string& name) {
    std::string p =
        (fs::temp_directory_path() / ("isocheck-shard-" + std::to_string(::getpid()) + "-" + name))
            .string();
    created_.push_back(p);
    return p;
  }

  static proto::Header header(const std::string& workload, int64_t start) {
    proto::Header h;
    h.set_magic("isocheck-history");
    h.set_format_version(1);
    h.set_workload(workload);
    h.set_seed(5);
    h.set_start_unix_ns(start);
    return h;
  }

  // A shard of events at the given times; each event's process is `shard`
  // and its message says where it came from.
  std::string shard(const std::string& name, int shard, const std::vector<int64_t>& times,
                    const std::string& workload = "rw-register", int64_t start = 100) {
    std::string p = path(name);
    HistoryRecorder recorder(p, header(workload, start));
    for (size_t i = 0; i < times.size(); ++i) {
      proto::Event event;
      event.set_process(shard);
      event.set_message(name + "#" + std::to_string(i));
      recorder.record(event, times[i]);
    }
    recorder.close();
    return p;
  }

  static std::vector<proto::Record> read_all(const std::string& p) {
    RecordStreamReader reader(p);
    std::vector<proto::Record> out;
    proto::Record r;
    while (reader.next(r)) out.push_back(r);
    return out;
  }

 private:
  std::vector<std::string> created_;
};

TEST_F(ShardMergeTest, OrdersByTimeThenShardThenShardIndexWithFreshIndices) {
  std::string a = shard("a", 0, {10, 30, 30, 50});
  std::string b = shard("b", 1, {5, 30, 60});
  std::string c = shard("c", 2, {}, "rw-register", 40);
  std::string out = path("merged");
  ShardMergeSummary summary = ShardMerger({a, b, c}).merge_into(out);
  EXPECT_EQ(summary.events, 7u);
  EXPECT_TRUE(summary.cut_shards.empty());

  std::vector<proto::Record> records = read_all(out);
  ASSERT_EQ(records.size(), 8u);
  EXPECT_EQ(records[0].header().workload(), "rw-register");
  EXPECT_EQ(records[0].header().start_unix_ns(), 40) << "earliest start of all shards";
  std::vector<std::string> order;
  for (size_t i = 1; i < records.size(); ++i) {
    EXPECT_EQ(records[i].event().index(), i - 1);
    order.push_back(records[i].event().message());
  }
  EXPECT_EQ(order, (std::vector<std::string>{"b#0", "a#0", "a#1", "a#2", "b#1", "a#3", "b#2"}));
}

TEST_F(ShardMergeTest, CutShardContributesItsWholeRecords) {
  std::string a = shard("a", 0, {1, 2, 3});
  std::string b = shard("b", 1, {4, 5, 6});
  fs::resize_file(b, fs::file_size(b) - 3);
  std::string out = path("merged");
  ShardMergeSummary summary = ShardMerger({a, b}).merge_into(out);
  EXPECT_EQ(summary.events, 5u);
  EXPECT_EQ(summary.cut_shards, std::vector<std::string>{b});
  EXPECT_EQ(read_all(out).back().event().message(), "b#1");
}

TEST_F(ShardMergeTest, EmptyShardIsListedAndSkipped) {
  std::string a = shard("a", 0, {1});
  std::string empty = path("empty");
  { ProtobufStreamWriter touch(empty); }
  ShardMergeSummary summary = ShardMerger({a, empty}).merge_into(path("merged"));
  EXPECT_EQ(summary.events, 1u);
  EXPECT_EQ(summary.empty_shards, std::vector<std::string>{empty});
}

TEST_F(ShardMergeTest, MismatchedWorkloadNamesShardAndField) {
  std::string a = shard("a", 0, {1});
  std::string b = shard("b", 1, {2}, "bank");
  try {
    ShardMerger({a, b}).merge_into(path("merged"));
    FAIL() << "shards of different runs were merged";
  } catch (const std::runtime_error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find(b), std::string::npos) << what;
    EXPECT_NE(what.find("workload"), std::string::npos) << what;
  }
}

TEST_F(ShardMergeTest, TimeGoingBackwardsInAShardIsAnError) {
  std::string bad = path("bad");
  {
    ProtobufStreamWriter writer(bad);
    proto::Record record;
    *record.mutable_header() = header("rw-register", 1);
    writer.write(record);
    for (auto [index, time] : {std::pair{0, 20}, std::pair{1, 10}}) {
      record.mutable_event()->set_index(index);
      record.mutable_event()->set_time_ns(time);
      writer.write(record);
    }
  }
  try {
    ShardMerger({bad}).merge_into(path("merged"));
    FAIL() << "a disordered shard was merged";
  } catch (const std::runtime_error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find(bad + ": record 3"), std::string::npos) << what;
    EXPECT_NE(what.find("time_ns"), std::string::npos) << what;
  }
}

TEST_F(ShardMergeTest, RefusesToOverwriteAShard) {
  std::string a = shard("a", 0, {1});
  EXPECT_THROW(ShardMerger({a}).merge_into(a), std::runtime_error);
  EXPECT_EQ(read_all(a).size(), 2u);
}

}  // namespace
}  // namespace isocheck::runner
