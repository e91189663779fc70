#include "checker/formats/protobuf_parse_log.h"

#include <google/protobuf/stubs/logging.h>

#include <mutex>
#include <string_view>

namespace isocheck {

void capture_protobuf_log(const std::string& message);

namespace {

thread_local ProtobufParseLog* t_capture = nullptr;
google::protobuf::LogHandler* g_previous = nullptr;

void handle_log(google::protobuf::LogLevel level, const char* filename, int line,
                const std::string& message) {
  if (t_capture) {
    capture_protobuf_log(message);
    return;
  }
  if (g_previous) g_previous(level, filename, line, message);
}

}  // namespace

void capture_protobuf_log(const std::string& message) {
  if (t_capture) t_capture->last_ = message;
}

ProtobufParseLog::ProtobufParseLog() {
  static std::once_flag installed;
  std::call_once(installed, [] { g_previous = google::protobuf::SetLogHandler(&handle_log); });
  t_capture = this;
}

ProtobufParseLog::~ProtobufParseLog() { t_capture = nullptr; }

std::optional<std::string> ProtobufParseLog::non_utf8_field() const {
  constexpr std::string_view kOpen = "String field '";
  if (last_.find("UTF-8") == std::string::npos) return std::nullopt;
  size_t open = last_.find(kOpen);
  if (open == std::string::npos) return std::string("a string field");
  size_t begin = open + kOpen.size();
  size_t close = last_.find('\'', begin);
  std::string_view name(last_.data() + begin,
                        (close == std::string::npos ? last_.size() : close) - begin);
  constexpr std::string_view kPackage = "isocheck.proto.";
  if (name.starts_with(kPackage)) name.remove_prefix(kPackage.size());
  return std::string(name);
}

}  // namespace isocheck
