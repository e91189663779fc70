// Shared by the format tests: a temporary directory removed at the end of
// each test, file helpers, and small histories built in code that use every
// feature a format must carry.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "checker/formats/protobuf_history_schema.h"
#include "checker/history/history.h"
#include "checker/history/history_builder.h"

namespace isocheck::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "isocheck-formats-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void add_event(HistoryBuilder& b, uint64_t index, int64_t process, EventType type,
                      int64_t time) {
  b.begin_event({index, process, type, time});
}

inline void end_event(HistoryBuilder& b) {
  auto problem = b.end_event();
  ASSERT_FALSE(problem) << *problem;
}

// A list-append history using everything the formats carry: ok / fail /
// info / never-completed transactions, empty and non-empty list reads,
// errors with and without SQLSTATE (with characters that need escaping),
// final reads, and gaps in indices and times.
inline History sample_list_append_history() {
  HistoryBuilder b;
  HistoryHeader& h = b.header();
  h.format_version = kHistoryFormatVersion;
  h.workload = Workload::kListAppend;
  h.isolation = "serializable";
  h.database_version = "PostgreSQL 15.5";
  h.settings = {{"max_connections", "100"}, {"shared_buffers", "128MB"}};
  h.seed = 42;
  h.tool_version = "0.1.0";
  h.start_unix_ns = 1'700'000'000'000'000'000;
  h.statements = {{"isocheck_append", "INSERT INTO t VALUES ($1, $2)"}, {"commit", "COMMIT"}};
  h.table = "isocheck_list_1";

  add_event(b, 0, 0, EventType::kInvoke, 100);
  b.add_mop(MopKind::kAppend, 1, 10);
  b.add_mop(MopKind::kReadList, 2, 0);
  end_event(b);
  add_event(b, 1, 1, EventType::kInvoke, 110);
  b.add_mop(MopKind::kReadList, 1, 0);
  end_event(b);
  add_event(b, 3, 0, EventType::kOk, 150);
  b.add_mop(MopKind::kAppend, 1, 10);
  const int64_t empty[] = {0};
  b.add_list_read(2, std::span<const int64_t>(empty, 0));
  end_event(b);
  add_event(b, 4, 1, EventType::kOk, 150);
  const int64_t seen[] = {10, -3, 9'000'000'000'000};
  b.add_list_read(1, seen);
  end_event(b);
  add_event(b, 5, 2, EventType::kInvoke, 200);
  b.add_mop(MopKind::kAppend, 3, 7);
  end_event(b);
  add_event(b, 6, 2, EventType::kFail, 260);
  b.add_mop(MopKind::kAppend, 3, 7);
  b.set_error("40001", "could not serialize access due to \"concurrent\" update\n\tdetail \\ x");
  end_event(b);
  add_event(b, 7, 3, EventType::kInvoke, 300);
  b.add_mop(MopKind::kAppend, 4, 1);
  b.add_mop(MopKind::kReadList, 4, 0);
  end_event(b);
  add_event(b, 8, 3, EventType::kInfo, 400);
  b.set_error("", "connection lost");
  end_event(b);
  add_event(b, 9, 4, EventType::kInvoke, 450);
  b.add_mop(MopKind::kAppend, 5, 2);
  end_event(b);  // never completes
  add_event(b, 10, 5, EventType::kInvoke, 500);
  b.add_mop(MopKind::kReadList, 1, 0);
  b.set_final_read();
  end_event(b);
  add_event(b, 12, 5, EventType::kOk, 520);
  const int64_t final_seen[] = {10};
  b.add_list_read(1, final_seen);
  end_event(b);
  return std::move(b).finish();
}

// An rw-register history: writes, reads of values and of nil.
inline History sample_rw_register_history() {
  HistoryBuilder b;
  b.header().format_version = kHistoryFormatVersion;
  b.header().workload = Workload::kRwRegister;
  add_event(b, 0, 0, EventType::kInvoke, 10);
  b.add_mop(MopKind::kWrite, 1, 5);
  b.add_mop(MopKind::kReadRegister, 2, 0);
  end_event(b);
  add_event(b, 1, 0, EventType::kOk, 20);
  b.add_mop(MopKind::kWrite, 1, 5);
  b.add_register_read(2, 0, true);
  end_event(b);
  add_event(b, 2, 1, EventType::kInvoke, 30);
  b.add_mop(MopKind::kReadRegister, 1, 0);
  end_event(b);
  add_event(b, 3, 1, EventType::kOk, 40);
  b.add_register_read(1, 5, false);
  end_event(b);
  return std::move(b).finish();
}

}  // namespace isocheck::testing

namespace isocheck::testing {

// Compares two histories transaction by transaction, micro-op by micro-op.
inline void expect_same_transactions(const History& want, const History& got) {
  ASSERT_EQ(want.txns.size(), got.txns.size());
  for (size_t i = 0; i < want.txns.size(); ++i) {
    SCOPED_TRACE("T" + std::to_string(i));
    const Txn& a = want.txns[i];
    const Txn& b = got.txns[i];
    EXPECT_EQ(a.process, b.process);
    EXPECT_EQ(a.invoke_ns, b.invoke_ns);
    EXPECT_EQ(a.complete_ns, b.complete_ns);
    EXPECT_EQ(a.invoke_index, b.invoke_index);
    if (a.completed()) {
      EXPECT_EQ(a.complete_index, b.complete_index);
    }
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.final_read, b.final_read);
    EXPECT_EQ(want.error_of(a).sqlstate, got.error_of(b).sqlstate);
    EXPECT_EQ(want.error_of(a).message, got.error_of(b).message);
    ASSERT_EQ(a.mop_count, b.mop_count);
    for (uint32_t k = 0; k < a.mop_count; ++k) {
      SCOPED_TRACE("mop " + std::to_string(k));
      const Mop& x = want.mops[a.mop_begin + k];
      const Mop& y = got.mops[b.mop_begin + k];
      EXPECT_EQ(x.kind, y.kind);
      EXPECT_EQ(x.key, y.key);
      EXPECT_EQ(x.value, y.value);
      EXPECT_EQ(x.has_result, y.has_result);
      EXPECT_EQ(x.is_nil, y.is_nil);
      if (is_row_mop_kind(x.kind)) {
        EXPECT_EQ(want.row_mop_of(x).predicate, got.row_mop_of(y).predicate);
        EXPECT_EQ(want.row_mop_of(x).aggregate, got.row_mop_of(y).aggregate);
        EXPECT_EQ(want.row_mop_of(x).group, got.row_mop_of(y).group);
        auto rx = want.rows_of(x);
        auto ry = got.rows_of(y);
        EXPECT_EQ(std::vector<Row>(rx.begin(), rx.end()), std::vector<Row>(ry.begin(), ry.end()));
        continue;
      }
      auto lx = want.list_of(x);
      auto ly = got.list_of(y);
      EXPECT_EQ(std::vector<int64_t>(lx.begin(), lx.end()),
                std::vector<int64_t>(ly.begin(), ly.end()));
    }
  }
}

inline void expect_same_header(const HistoryHeader& a, const HistoryHeader& b) {
  EXPECT_EQ(a.format_version, b.format_version);
  EXPECT_EQ(a.workload, b.workload);
  EXPECT_EQ(a.isolation, b.isolation);
  EXPECT_EQ(a.database_version, b.database_version);
  EXPECT_EQ(a.settings, b.settings);
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(a.tool_version, b.tool_version);
  EXPECT_EQ(a.start_unix_ns, b.start_unix_ns);
  EXPECT_EQ(a.bank_accounts, b.bank_accounts);
  EXPECT_EQ(a.bank_total, b.bank_total);
  EXPECT_EQ(a.statements, b.statements);
  EXPECT_EQ(a.table, b.table);
}

}  // namespace isocheck::testing
