#include "checker/formats/history_format.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "checker/formats/load_error.h"

namespace isocheck {
namespace {

struct FormatName {
  std::string_view name;
  HistoryFormat format;
};

constexpr std::array<FormatName, 6> kFormatNames{{
    {"protobuf", HistoryFormat::kProtobuf},
    {"jsonl", HistoryFormat::kJsonLines},
    {"edn", HistoryFormat::kEdn},
    {"pb", HistoryFormat::kProtobuf},
    {"json", HistoryFormat::kJsonLines},
    {"jsonlines", HistoryFormat::kJsonLines},
}};

struct Extension {
  std::string_view suffix;
  HistoryFormat format;
};

constexpr std::array<Extension, 4> kExtensions{{
    {".pb", HistoryFormat::kProtobuf},
    {".jsonl", HistoryFormat::kJsonLines},
    {".json", HistoryFormat::kJsonLines},
    {".edn", HistoryFormat::kEdn},
}};

// Reads a varint at `pos`; false when it is cut or longer than 10 bytes.
bool read_varint(std::string_view s, size_t& pos, uint64_t& out) {
  out = 0;
  for (int shift = 0; shift < 64 && pos < s.size(); shift += 7) {
    uint8_t b = static_cast<uint8_t>(s[pos++]);
    out |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

bool looks_like_protobuf(std::string_view head) {
  size_t pos = 0;
  uint64_t record_size = 0, header_size = 0;
  if (!read_varint(head, pos, record_size) || record_size == 0) return false;
  // Field 1, wire type 2 (length-delimited): the Record's Header.
  if (pos >= head.size() || static_cast<uint8_t>(head[pos]) != 0x0a) return false;
  ++pos;
  size_t body_start = pos - 1;
  if (!read_varint(head, pos, header_size)) return false;
  return pos - body_start + header_size <= record_size;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ','; }

}  // namespace

const char* format_name(HistoryFormat f) {
  for (const FormatName& n : kFormatNames)
    if (n.format == f) return n.name.data();
  return "?";
}

std::optional<HistoryFormat> parse_format(std::string_view name) {
  for (const FormatName& n : kFormatNames)
    if (n.name == name) return n.format;
  return std::nullopt;
}

std::optional<HistoryFormat> detect_format_of(std::string_view head, std::string_view path) {
  if (looks_like_protobuf(head)) return HistoryFormat::kProtobuf;
  size_t i = 0;
  while (i < head.size() && is_space(head[i])) ++i;
  std::string_view text = head.substr(i);
  if (text.starts_with("{:") || text.starts_with("{ :") || text.starts_with("#"))
    return HistoryFormat::kEdn;
  if (text.starts_with("{\"")) return HistoryFormat::kJsonLines;
  for (const Extension& e : kExtensions)
    if (path.ends_with(e.suffix)) return e.format;
  return std::nullopt;
}

HistoryFormat detect_format(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw LoadError(path, "byte 0", "file", std::string("cannot open: ") + std::strerror(errno));
  std::array<char, 256> buf;
  size_t have = 0;
  while (have < buf.size()) {
    ssize_t n = ::read(fd, buf.data() + have, buf.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      throw LoadError(path, "byte 0", "file", std::string("cannot read: ") + std::strerror(err));
    }
    if (n == 0) break;
    have += static_cast<size_t>(n);
  }
  ::close(fd);
  if (have == 0) throw LoadError(path, "byte 0", "file", "is empty");
  auto format = detect_format_of(std::string_view(buf.data(), have), path);
  if (!format)
    throw LoadError(path, "byte 0", "file",
                    "is neither a protobuf, JSON lines nor EDN history (by content or extension)");
  return *format;
}

}  // namespace isocheck
