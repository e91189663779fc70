// Session records (History::sessions, each connection's effective
// isolation level) in every format: they survive a round trip, stay out of
// the transactions, bad ones are refused naming the field; and the check
// flags a history whose connections ran at another level than it asked.
#include <gtest/gtest.h>

#include "checker/check/check_history.h"
#include "checker/check/effective_isolation.h"
#include "checker/formats/load_error.h"
#include "checker/formats/load_history.h"
#include "checker/formats/write_history.h"
#include "tests/checker/formats/format_test_support.h"

namespace isocheck {
namespace {

using testing::TempDir;

// One committed append, asked at serializable; the sessions say what the
// connections got.
History history_with_sessions(std::vector<Session> sessions) {
  HistoryBuilder b;
  b.header().format_version = kHistoryFormatVersion;
  b.header().workload = Workload::kListAppend;
  b.header().isolation = "serializable";
  for (Session& s : sessions) EXPECT_FALSE(b.add_session(std::move(s)));
  testing::add_event(b, 0, 0, EventType::kInvoke, 100);
  b.add_mop(MopKind::kAppend, 1, 10);
  testing::end_event(b);
  testing::add_event(b, 1, 0, EventType::kOk, 200);
  testing::end_event(b);
  return std::move(b).finish();
}

class SessionRoundTrip : public ::testing::TestWithParam<HistoryFormat> {};

TEST_P(SessionRoundTrip, SessionsComeBackAndStayOutOfTransactions) {
  TempDir dir;
  History want =
      history_with_sessions({{0, 4711, "read committed", 50}, {1, 4712, "serializable", 60}});
  std::string path = dir.file("h");
  write_history(want, path, GetParam());
  LoadedHistory got = load_history(path);
  ASSERT_EQ(got.history.sessions.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(got.history.sessions[i].process, want.sessions[i].process);
    EXPECT_EQ(got.history.sessions[i].backend_pid, want.sessions[i].backend_pid);
    EXPECT_EQ(got.history.sessions[i].level, want.sessions[i].level);
    EXPECT_EQ(got.history.sessions[i].time_ns, want.sessions[i].time_ns);
  }
  EXPECT_EQ(got.history.txns.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, SessionRoundTrip,
                         ::testing::Values(HistoryFormat::kProtobuf, HistoryFormat::kJsonLines,
                                           HistoryFormat::kEdn));

TEST(SessionRecords, AJsonLinesSessionWithoutLevelIsRefused) {
  TempDir dir;
  std::string path = dir.file("h.jsonl");
  testing::write_file(path, "{\"session\":{\"process\":0,\"backend_pid\":7,\"time\":1}}\n");
  try {
    load_history(path);
    FAIL() << "loaded";
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find("session.level"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("line 1"), std::string::npos) << e.what();
  }
}

TEST(SessionRecords, AnEdnSessionWithANumberForItsLevelIsRefused) {
  TempDir dir;
  std::string path = dir.file("h.edn");
  testing::write_file(path,
                      "{:type :info, :process :isocheck, :f :session, :isocheck/session "
                      "{:process 0, :level 3}}\n");
  EXPECT_THROW(load_history(path), LoadError);
}

TEST(EffectiveIsolation, MatchingSessionsRaiseNothing) {
  History h = history_with_sessions({{0, 1, "serializable", 1}, {1, 2, "serializable", 2}});
  EXPECT_FALSE(effective_isolation_problem(h));
  EXPECT_FALSE(effective_isolation_problem(history_with_sessions({})));
  History rr = history_with_sessions({{0, 1, "repeatable read", 1}});
  rr.header.isolation = "repeatable-read";
  EXPECT_FALSE(effective_isolation_problem(rr)) << "the server's spelling of the same level";
}

TEST(EffectiveIsolation, AConnectionAtAnotherLevelIsFlaggedByTheCheck) {
  History h = history_with_sessions({{0, 1, "read committed", 1}, {1, 2, "serializable", 2}});
  std::optional<std::string> problem = effective_isolation_problem(h);
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("1 of 2 connections ran at read committed (1), not serializable"),
            std::string::npos)
      << *problem;
  CheckOptions options;
  options.models = {"strict-serializable"};
  CheckResult r = check_history(h, options);
  EXPECT_NE(std::find(r.warnings.begin(), r.warnings.end(), *problem), r.warnings.end());
}

}  // namespace
}  // namespace isocheck
