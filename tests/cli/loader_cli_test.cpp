// The loaders' fixes of issue 11 through the isocheck executable: a bank
// history converted to EDN keeps its verdict, a buffer-sized file is one
// error line (check, convert, explain), a corrupt protobuf file exits 2
// naming the offset or, with --salvage, is never VALID, and SIGTERM stops a
// load promptly with exit 130.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "checker/formats/write_history.h"
#include "tests/support/history_dsl.h"
#include "tests/support/isocheck_command.h"
#include "tests/support/test_paths.h"

namespace isocheck {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

using testing::CommandOutput;

class LoaderCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("isocheck-loader-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  CommandOutput run(const std::string& args) {
    return testing::run_isocheck(args, file("stderr.txt"));
  }

  static void write(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
  }

  fs::path dir_;
};

History bank_history() {
  using namespace testing;
  HistoryDsl h;
  h.header().workload = Workload::kBank;
  h.header().bank_accounts = 2;
  h.header().bank_total = 100;
  h.ok(0, {read(0, 60), read(1, 40)});
  h.ok(1, {adjust(0, -10), adjust(1, 10)});
  h.ok(0, {read(0, 50), read(1, 50)});
  h.ok(2, {read(0, 50), read(1, 40)});
  return h.build();
}

TEST_F(LoaderCli, BankHistoryConvertedToEdnOrJsonlKeepsItsVerdict) {
  write_history(bank_history(), file("bank.pb"), HistoryFormat::kProtobuf);
  CommandOutput want = run("check --json -m serializable " + file("bank.pb"));
  ASSERT_EQ(want.exit_code, 1) << want.err;
  nlohmann::json want_json = nlohmann::json::parse(want.out);
  EXPECT_EQ(want_json["anomaly_counts"]["wrong-total"], 1);
  for (const char* name : {"bank.edn", "bank.jsonl"}) {
    SCOPED_TRACE(name);
    CommandOutput c = run("convert " + file("bank.pb") + " " + file(name));
    ASSERT_EQ(c.exit_code, 0) << c.err;
    CommandOutput got = run("check --json -m serializable " + file(name));
    EXPECT_EQ(got.exit_code, want.exit_code) << got.err;
    nlohmann::json got_json = nlohmann::json::parse(got.out);
    EXPECT_EQ(got_json["anomaly_counts"], want_json["anomaly_counts"]);
    EXPECT_EQ(got_json["valid"], want_json["valid"]);
  }
}

TEST_F(LoaderCli, BufferSizedFileIsOneErrorLineForCheckConvertAndExplain) {
  write(file("z.jsonl"), std::string(size_t{8} << 20, 'a'));
  for (const std::string& args :
       {"check " + file("z.jsonl"), "convert " + file("z.jsonl") + " " + file("z.pb"),
        "explain " + file("z.jsonl") + " --out " + file("explain")}) {
    SCOPED_TRACE(args);
    CommandOutput r = run(args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr(file("z.jsonl") + ": line 1: json: "));
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST_F(LoaderCli, CorruptProtobufExitsTwoAndSalvageIsNeverValid) {
  using namespace testing;
  HistoryDsl h;
  for (int i = 0; i < 20; ++i) h.ok(i, {append(i, 1), read_list(i, {1})});
  write_history(h.build(), file("h.pb"), HistoryFormat::kProtobuf);
  std::ifstream in(file("h.pb"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The 11th record's one-byte length prefix becomes a length far past the end.
  size_t at = 0;
  for (int record = 0; record < 11; ++record) at += 1 + static_cast<uint8_t>(bytes[at]);
  bytes.replace(at, 1, std::string("\xff\xff\x03", 3));
  write(file("h.pb"), bytes);

  CommandOutput plain = run("check " + file("h.pb"));
  EXPECT_EQ(plain.exit_code, 2);
  EXPECT_THAT(plain.err, HasSubstr("record 11 (byte " + std::to_string(at) + "): length: "));

  CommandOutput salvaged = run("check --salvage " + file("h.pb"));
  EXPECT_EQ(salvaged.exit_code, 3) << salvaged.out << salvaged.err;
  EXPECT_THAT(salvaged.err, HasSubstr("salvaged: loaded records 0 to 10"));
  EXPECT_THAT(salvaged.out, HasSubstr("only records 0 to 10 were checked"));
}

// Feeds JSON lines into a FIFO until told to stop, re-opening it whenever the
// reader closes it (format detection reads the head and closes; the loader
// opens again). Writes are whole lines under PIPE_BUF, so each is atomic, and
// the first is exactly the head format detection reads (kDetectedHead bytes),
// so the loader starts at a line boundary whichever way the pipe goes.
class FifoFeeder {
 public:
  static constexpr size_t kDetectedHead = 256;  // what detect_format() reads

  explicit FifoFeeder(std::string path) : path_(std::move(path)), thread_([this] { feed(); }) {}
  ~FifoFeeder() {
    stop_ = true;
    thread_.join();
  }
  uint64_t written_since_open() const { return written_since_open_; }

 private:
  void feed() {
    uint64_t process = 0;
    while (!stop_) {
      // Non-blocking open fails (ENXIO) while nobody reads; retry until a reader comes.
      int fd = ::open(path_.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0) {
        std::this_thread::yield();
        continue;
      }
      ::fcntl(fd, F_SETFL, 0);
      written_since_open_ = 0;
      if (opens_++ == 0) {
        std::string head = R"({"process":-1,"type":"invoke"})";
        head += std::string(kDetectedHead - head.size() - 1, ' ') + "\n";
        if (::write(fd, head.data(), head.size()) <= 0) {
          ::close(fd);
          continue;
        }
      }
      while (!stop_) {
        std::string line =
            R"({"process":)" + std::to_string(process++) + R"(,"type":"invoke"})" + "\n";
        if (::write(fd, line.data(), line.size()) <= 0) break;  // EPIPE: the reader closed
        written_since_open_ += line.size();
      }
      ::close(fd);
    }
  }

  std::string path_;
  std::atomic<bool> stop_{false};
  std::atomic<int> opens_{0};
  std::atomic<uint64_t> written_since_open_{0};
  std::thread thread_;
};

TEST_F(LoaderCli, SigtermStopsALoadPromptlyWithExit130) {
  // A FIFO fed without end: the load can only stop by the signal.
  ::signal(SIGPIPE, SIG_IGN);
  const std::string fifo = file("endless.jsonl");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string err_path = file("stderr.txt");
  const std::string bin = testing::isocheck_binary();
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(err, 2);
    ::execl(bin.c_str(), bin.c_str(), "check", fifo.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  pid_t done = 0;
  {
    FifoFeeder feeder(fifo);
    // More than a pipe's buffer has gone through since the FIFO was last opened, and
    // format detection reads only its head: the loader is reading.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (feeder.written_since_open() < (uint64_t{1} << 20) &&
           std::chrono::steady_clock::now() < deadline)
      std::this_thread::yield();
    ASSERT_GE(feeder.written_since_open(), uint64_t{1} << 20) << "the loader never read";
    ASSERT_EQ(::kill(child, SIGTERM), 0);
    deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while ((done = ::waitpid(child, &status, WNOHANG)) == 0 &&
           std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (done == 0) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
    }
  }
  ASSERT_EQ(done, child) << "isocheck check ignored SIGTERM for 30 s";
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  std::ifstream err_in(err_path);
  std::stringstream err;
  err << err_in.rdbuf();
  EXPECT_THAT(err.str(), HasSubstr(fifo + ": interrupted while loading"));
}

}  // namespace
}  // namespace isocheck
