#include "tests/runner/client/recorded_history.h"

#include <thread>

#include "checker/formats/record_stream_reader.h"
#include "checker/history/history_builder.h"

namespace isocheck::runner::testing {

RecordedHistory read_recorded_history(const std::string& path) {
  RecordedHistory out;
  RecordStreamReader reader(path);
  HistoryBuilder builder;
  proto::Record record;
  while (reader.next(record)) {
    if (record.has_header()) {
      out.header = record.header();
      continue;
    }
    if (record.has_session()) {
      out.sessions.push_back(record.session());
      continue;
    }
    if (!record.has_event()) continue;
    const proto::Event& e = record.event();
    out.events.push_back(e);
    if (!out.builder_error.empty()) continue;
    builder.begin_event({e.index(), e.process(), static_cast<EventType>(e.type()), e.time_ns()});
    for (const proto::Mop& m : e.mops()) {
      MopKind kind = static_cast<MopKind>(m.kind());
      if (m.has_result() && kind == MopKind::kReadList) {
        builder.add_list_read(m.key(), {m.list().data(), static_cast<size_t>(m.list_size())});
      } else if (m.has_result() && kind == MopKind::kReadRegister) {
        builder.add_register_read(m.key(), m.value(), m.is_nil());
      } else {
        builder.add_mop(kind, m.key(), m.value());
      }
    }
    if (!e.sqlstate().empty() || !e.message().empty()) builder.set_error(e.sqlstate(), e.message());
    if (e.final_read()) builder.set_final_read();
    if (auto err = builder.end_event()) out.builder_error = *err;
  }
  out.history = std::move(builder).finish();
  return out;
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds cap) {
  auto deadline = std::chrono::steady_clock::now() + cap;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace isocheck::runner::testing
