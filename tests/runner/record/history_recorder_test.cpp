#include "runner/record/history_recorder.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "checker/formats/record_stream_reader.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;

fs::path temp_file(const std::string& name) {
  return fs::temp_directory_path() /
         ("isocheck-recorder-" + std::to_string(::getpid()) + "-" + name);
}

proto::Header test_header() {
  proto::Header header;
  header.set_magic("isocheck-history");
  header.set_format_version(1);
  header.set_workload("list-append");
  header.set_seed(99);
  return header;
}

proto::Event append_event(int64_t process, int64_t value) {
  proto::Event event;
  event.set_process(process);
  event.set_type(proto::Event::INVOKE);
  proto::Mop* mop = event.add_mops();
  mop->set_kind(proto::Mop::APPEND);
  mop->set_key(process);
  mop->set_value(value);
  return event;
}

std::vector<proto::Record> read_all(const fs::path& path, bool* cut = nullptr) {
  RecordStreamReader reader(path);
  std::vector<proto::Record> records;
  proto::Record record;
  while (reader.next(record)) records.push_back(record);
  if (cut != nullptr) *cut = reader.cut_at_end();
  return records;
}

TEST(HistoryRecorderTest, HeaderIsOnDiskBeforeAnyEvent) {
  fs::path path = temp_file("header");
  HistoryRecorder recorder(path, test_header());
  std::vector<proto::Record> records = read_all(path);
  ASSERT_EQ(records.size(), 1u);
  ASSERT_TRUE(records[0].has_header());
  EXPECT_EQ(records[0].header().workload(), "list-append");
  EXPECT_EQ(records[0].header().seed(), 99u);
  recorder.close();
  fs::remove(path);
}

TEST(HistoryRecorderTest, ConcurrentRecordsGetDenseIndicesInTimeOrder) {
  fs::path path = temp_file("concurrent");
  constexpr int kThreads = 4;
  constexpr int kPerThread = 5000;
  {
    HistoryRecorder recorder(path, test_header());
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&recorder, t] {
        for (int i = 0; i < kPerThread; ++i) recorder.record(append_event(t, i));
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(recorder.events_recorded(), uint64_t{kThreads * kPerThread});
    recorder.close();
  }
  std::vector<proto::Record> records = read_all(path);
  ASSERT_EQ(records.size(), size_t{1 + kThreads * kPerThread});
  std::vector<int64_t> next_value(kThreads, 0);
  int64_t last_time = 0;
  for (size_t i = 1; i < records.size(); ++i) {
    const proto::Event& event = records[i].event();
    EXPECT_EQ(event.index(), i - 1);
    EXPECT_GE(event.time_ns(), last_time);
    last_time = event.time_ns();
    // Each thread's own events keep their order.
    EXPECT_EQ(event.mops(0).value(), next_value[event.process()]++);
  }
  fs::remove(path);
}

TEST(HistoryRecorderTest, BackgroundFlushMakesEventsVisibleWithoutClose) {
  fs::path path = temp_file("flush");
  HistoryRecorder recorder(path, test_header());
  recorder.record(append_event(1, 1));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  size_t seen = 0;
  while ((seen = read_all(path).size()) < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(seen, 2u);
  recorder.close();
  fs::remove(path);
}

TEST(HistoryRecorderTest, CallerTimesAreUsedButMayNotGoBackwards) {
  fs::path path = temp_file("times");
  HistoryRecorder recorder(path, test_header());
  EXPECT_EQ(recorder.record(append_event(1, 1), 1000), 0u);
  EXPECT_EQ(recorder.record(append_event(1, 2), 1000), 1u);
  EXPECT_THROW(recorder.record(append_event(1, 3), 999), std::invalid_argument);
  recorder.close();
  EXPECT_THROW(recorder.record(append_event(1, 4)), std::logic_error);
  std::vector<proto::Record> records = read_all(path);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2].event().time_ns(), 1000);
  EXPECT_EQ(records[2].event().index(), 1u);
  fs::remove(path);
}

TEST(HistoryRecorderTest, NowIsMonotonic) {
  int64_t a = now_ns();
  int64_t b = now_ns();
  EXPECT_GT(a, 0);
  EXPECT_GE(b, a);
}

// A writer killed with SIGKILL mid-stream leaves only whole records, apart
// from at most one cut record at the end, with dense increasing indices.
TEST(HistoryRecorderTest, KilledWriterLeavesAValidPrefix) {
  fs::path path = temp_file("killed");
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    HistoryRecorder recorder(path, test_header());
    for (int64_t i = 0;; ++i) recorder.record(append_event(i % 7, i));
  }
  constexpr uintmax_t kWantBytes = 512 * 1024;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::error_code ec;
  while ((!fs::exists(path) || fs::file_size(path, ec) < kWantBytes) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  ASSERT_GE(fs::file_size(path), kWantBytes);

  std::vector<proto::Record> records = read_all(path);
  ASSERT_GT(records.size(), 1000u);
  ASSERT_TRUE(records[0].has_header());
  int64_t last_time = 0;
  for (size_t i = 1; i < records.size(); ++i) {
    ASSERT_TRUE(records[i].has_event()) << "record " << i;
    EXPECT_EQ(records[i].event().index(), i - 1);
    EXPECT_EQ(records[i].event().mops(0).value(), static_cast<int64_t>(i - 1));
    EXPECT_GE(records[i].event().time_ns(), last_time);
    last_time = records[i].event().time_ns();
  }
  fs::remove(path);
}

}  // namespace
}  // namespace isocheck::runner
