#include "checker/formats/protobuf_record_framing.h"

#include <fmt/format.h>

namespace isocheck {

VarintStatus read_varint(const char*& p, const char* end, uint64_t& out) {
  out = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (p == end) return VarintStatus::kCut;
    uint8_t b = static_cast<uint8_t>(*p++);
    if (shift == 63 && b > 1) return VarintStatus::kMalformed;
    out |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return VarintStatus::kOk;
  }
  return VarintStatus::kMalformed;
}

std::optional<std::string> record_framing_problem(const char* body, const char* end,
                                                  uint64_t size) {
  if (body == end) return std::nullopt;
  const bool whole = static_cast<uint64_t>(end - body) >= size;
  const uint8_t tag = static_cast<uint8_t>(*body);
  const char* p = body + 1;
  // Field 1, 2, 3, 4 or 5 with wire type 2 (length-delimited): header, event,
  // fault, epoch, session.
  if (tag != 0x0a && tag != 0x12 && tag != 0x1a && tag != 0x22 && tag != 0x2a)
    return fmt::format(
        "the length prefix promises {} bytes, but what follows is no header, event, fault, "
        "epoch or session (tag byte 0x{:02x}): a corrupt record with {} bytes after it",
        size, tag, end - body);
  uint64_t inner = 0;
  switch (read_varint(p, end, inner)) {
    case VarintStatus::kCut:
      if (!whole) return std::nullopt;
      return fmt::format("the record's first field has a cut length, and {} bytes follow",
                         end - body);
    case VarintStatus::kMalformed:
      return fmt::format("the record's first field has a malformed length, and {} bytes follow",
                         end - body);
    case VarintStatus::kOk:
      break;
  }
  const uint64_t field_bytes = static_cast<uint64_t>(p - body);
  if (inner > size || field_bytes + inner != size)
    return fmt::format(
        "the length prefix says {} bytes but the record's field says {}: a corrupt length "
        "prefix, with {} bytes of data after it",
        size, field_bytes + inner, end - body);
  return std::nullopt;
}

}  // namespace isocheck
