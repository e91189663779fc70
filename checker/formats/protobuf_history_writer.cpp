#include "checker/formats/protobuf_history_writer.h"

#include "checker/formats/history_events.h"
#include "checker/formats/protobuf_history_schema.h"
#include "checker/formats/protobuf_stream_writer.h"

namespace isocheck {
namespace {

constexpr size_t kFlushBytes = size_t{4} << 20;

constexpr proto::Event::Type event_type_of(TxnStatus s) {
  switch (s) {
    case TxnStatus::kOk:
      return proto::Event::OK;
    case TxnStatus::kFail:
      return proto::Event::FAIL;
    case TxnStatus::kInfo:
      return proto::Event::INFO;
  }
  return proto::Event::INFO;
}

}  // namespace

void write_protobuf_history(const History& h, const std::string& path) {
  ProtobufStreamWriter out(path);
  proto::Record record;
  header_to_proto(h.header, *record.mutable_header());
  out.write(record);
  // Sessions are no events: where they stand in the file does not matter to
  // any reader, so they follow the header.
  for (const Session& s : h.sessions) {
    proto::Record session_record;
    session_to_proto(s, *session_record.mutable_session());
    out.write(session_record);
  }
  for (const HistoryEvent& e : history_events(h)) {
    if (e.fault) {
      proto::Record fault_record;
      fault_to_proto(e.fault_of(h), *fault_record.mutable_fault());
      out.write(fault_record);
      continue;
    }
    if (e.epoch) {
      proto::Record epoch_record;
      epoch_to_proto(e.epoch_of(h), *epoch_record.mutable_epoch());
      out.write(epoch_record);
      continue;
    }
    const Txn& t = h.txns[e.txn];
    proto::Event* ev = record.mutable_event();
    ev->Clear();
    ev->set_index(e.index(h));
    ev->set_process(t.process);
    ev->set_type(e.completion ? event_type_of(t.status) : proto::Event::INVOKE);
    ev->set_time_ns(e.time_ns(h));
    for (const Mop& m : h.mops_of(t)) mop_to_proto(h, m, e.completion, *ev);
    if (e.completion && t.error != 0) {
      ev->set_sqlstate(h.error_of(t).sqlstate);
      ev->set_message(h.error_of(t).message);
    }
    ev->set_final_read(t.final_read);
    out.write(record);
    if (out.buffered_bytes() >= kFlushBytes) out.flush();
  }
  out.close();
}

}  // namespace isocheck
