// ProtobufParseLog: catches what libprotobuf logs while this thread parses a
// record, so the loader can turn it into one LoadError line naming the file,
// record and field instead of letting libprotobuf print its own text.
//
// The case that matters: a string field holding bytes that are not UTF-8
// (protobuf requires UTF-8 in `string` fields; parsing fails and libprotobuf
// logs "String field 'isocheck.proto.Event.message' contains invalid UTF-8
// data ..."). isocheck refuses such a file rather than guessing at the
// bytes; see proto/README.md.
// A log handler is installed once per process; messages logged outside a
// ProtobufParseLog scope, or on other threads, go to libprotobuf's previous
// handler as before. Scopes do not nest.
#pragma once

#include <optional>
#include <string>

namespace isocheck {

class ProtobufParseLog {
 public:
  ProtobufParseLog();
  ~ProtobufParseLog();
  ProtobufParseLog(const ProtobufParseLog&) = delete;
  ProtobufParseLog& operator=(const ProtobufParseLog&) = delete;

  // Forgets what was caught so far (call before each parse).
  void clear() { last_.clear(); }
  // The field libprotobuf named as not UTF-8 in what it logged since clear(),
  // without the package ("Event.message"); nullopt if none.
  std::optional<std::string> non_utf8_field() const;

 private:
  friend void capture_protobuf_log(const std::string& message);
  std::string last_;
};

}  // namespace isocheck
