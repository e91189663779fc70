#include "runner/progress/progress_display.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <pty.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>

namespace isocheck::runner {
namespace {

using std::chrono::seconds;

std::string contents(std::FILE* file) {
  std::fflush(file);
  std::rewind(file);
  std::string out;
  char buf[256];
  while (size_t n = std::fread(buf, 1, sizeof buf, file)) out.append(buf, n);
  return out;
}

TEST(FormatProgressLineTest, ShowsRateCountsAndAbortRate) {
  ProgressPlan plan;
  plan.duration = seconds(60);
  std::string line = format_progress_line(plan, {.ok = 180, .fail = 15, .info = 5}, seconds(20));
  EXPECT_NE(line.find("20.0s elapsed"), std::string::npos) << line;
  EXPECT_NE(line.find("40.0s left"), std::string::npos) << line;
  EXPECT_NE(line.find(" 10 txn/s"), std::string::npos) << line;
  EXPECT_NE(line.find("ok 180  fail 15  info 5"), std::string::npos) << line;
  EXPECT_NE(line.find("aborts 7.5%"), std::string::npos) << line;
}

TEST(FormatProgressLineTest, ARunInEpochsShowsEpochsCheckedAndAnomalies) {
  ProgressPlan plan;
  plan.duration = seconds(60);
  const ProgressCounts counts{.ok = 1, .fail = 0, .info = 0};
  std::string plain = format_progress_line(plan, counts, seconds(1));
  EXPECT_EQ(plain.find("epochs"), std::string::npos) << plain;
  std::string line = format_progress_line(plan, counts, seconds(1), CheckTally{3, 2});
  EXPECT_NE(line.find("epochs 3 checked, 2 anomalies"), std::string::npos) << line;
}

TEST(FormatProgressLineTest, TransactionPlanEstimatesTimeLeftFromTheRate) {
  ProgressPlan plan;
  plan.transactions = 1000;
  std::string line = format_progress_line(plan, {.ok = 100, .fail = 0, .info = 0}, seconds(10));
  EXPECT_NE(line.find("90.0s left"), std::string::npos) << line;
  std::string idle = format_progress_line(plan, {}, seconds(0));
  EXPECT_NE(idle.find("?s left"), std::string::npos) << idle;
  EXPECT_NE(idle.find("aborts 0.0%"), std::string::npos) << idle;
}

TEST(FormatProgressLineTest, TimeLeftNeverNegative) {
  ProgressPlan plan;
  plan.duration = seconds(5);
  std::string line = format_progress_line(plan, {.ok = 1, .fail = 0, .info = 0}, seconds(9));
  EXPECT_NE(line.find(" 0.0s left"), std::string::npos) << line;
}

TEST(ProgressDisplayTest, NotATerminalMeansOneFinalLineWithoutCarriageReturns) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::tmpfile(), &std::fclose);
  ASSERT_TRUE(file);
  ProgressDisplay display(ProgressPlan{}, /*quiet=*/false, file.get());
  EXPECT_FALSE(display.live());
  display.add_ok();
  display.add_ok();
  display.add_fail();
  display.add_info();
  display.finish();
  display.finish();
  std::string out = contents(file.get());
  EXPECT_EQ(out.find('\r'), std::string::npos) << out;
  EXPECT_EQ(out.find('\n'), out.size() - 1) << out;
  EXPECT_NE(out.find("ok 2  fail 1  info 1"), std::string::npos) << out;
  EXPECT_NE(out.find("aborts 25.0%"), std::string::npos) << out;
}

TEST(ProgressDisplayTest, QuietPrintsNothing) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::tmpfile(), &std::fclose);
  ASSERT_TRUE(file);
  {
    ProgressDisplay display(ProgressPlan{}, /*quiet=*/true, file.get());
    display.add_ok();
    EXPECT_EQ(display.counts().ok, 1u);
  }
  EXPECT_EQ(contents(file.get()), "");
}

// On a terminal the line is redrawn in place while the run goes on.
TEST(ProgressDisplayTest, TerminalGetsRedrawsInPlace) {
  int master = -1;
  int slave = -1;
  ASSERT_EQ(::openpty(&master, &slave, nullptr, nullptr, nullptr), 0);
  ::fcntl(master, F_SETFL, O_NONBLOCK);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(::fdopen(slave, "w"), &std::fclose);
  ASSERT_TRUE(out);
  std::string seen;
  {
    ProgressDisplay display(ProgressPlan{}, /*quiet=*/false, out.get());
    ASSERT_TRUE(display.live());
    display.add_ok();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    char buf[512];
    while (seen.find("ok 1 ") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      ssize_t n = ::read(master, buf, sizeof buf);
      if (n > 0) {
        seen.append(buf, n);
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
    EXPECT_NE(seen.find("\r\x1b[K["), std::string::npos) << seen;
    EXPECT_NE(seen.find("ok 1 "), std::string::npos) << seen;
    EXPECT_EQ(seen.find('\n'), std::string::npos) << "no newline before finish()";
  }
  ::close(master);
}

}  // namespace
}  // namespace isocheck::runner
