#include "checker/formats/edn_header.h"

#include <fmt/format.h>

#include <array>

#include "checker/formats/protobuf_history_schema.h"
#include "checker/formats/text_file_writer.h"

namespace isocheck {
namespace {

enum class HeaderValue { kString, kInteger, kStringMap };

struct HeaderKey {
  std::string_view name;
  HeaderValue value;
  void (*set_string)(proto::Header&, std::string&&);
  void (*set_integer)(proto::Header&, int64_t);
  google::protobuf::Map<std::string, std::string>* (*map)(proto::Header&);
};

constexpr std::array<HeaderKey, 13> kHeaderKeys{{
    {"magic", HeaderValue::kString, [](proto::Header& h, std::string&& v) { h.set_magic(v); },
     nullptr, nullptr},
    {"format-version", HeaderValue::kInteger, nullptr,
     [](proto::Header& h, int64_t v) {
       h.set_format_version(v < 0 || v > UINT32_MAX ? 0 : static_cast<uint32_t>(v));
     },
     nullptr},
    {"workload", HeaderValue::kString, [](proto::Header& h, std::string&& v) { h.set_workload(v); },
     nullptr, nullptr},
    {"isolation", HeaderValue::kString,
     [](proto::Header& h, std::string&& v) { h.set_isolation(v); }, nullptr, nullptr},
    {"database-version", HeaderValue::kString,
     [](proto::Header& h, std::string&& v) { h.set_database_version(v); }, nullptr, nullptr},
    {"tool-version", HeaderValue::kString,
     [](proto::Header& h, std::string&& v) { h.set_tool_version(v); }, nullptr, nullptr},
    {"table", HeaderValue::kString, [](proto::Header& h, std::string&& v) { h.set_table(v); },
     nullptr, nullptr},
    {"seed", HeaderValue::kInteger, nullptr,
     [](proto::Header& h, int64_t v) { h.set_seed(static_cast<uint64_t>(v)); }, nullptr},
    {"start-unix-ns", HeaderValue::kInteger, nullptr,
     [](proto::Header& h, int64_t v) { h.set_start_unix_ns(v); }, nullptr},
    {"bank-accounts", HeaderValue::kInteger, nullptr,
     [](proto::Header& h, int64_t v) { h.set_bank_accounts(v); }, nullptr},
    {"bank-total", HeaderValue::kInteger, nullptr,
     [](proto::Header& h, int64_t v) { h.set_bank_total(v); }, nullptr},
    {"settings", HeaderValue::kStringMap, nullptr, nullptr,
     [](proto::Header& h) { return h.mutable_settings(); }},
    {"statements", HeaderValue::kStringMap, nullptr, nullptr,
     [](proto::Header& h) { return h.mutable_statements(); }},
}};

void parse_string_map(EdnScanner& s, google::protobuf::Map<std::string, std::string>& out) {
  s.expect('{', "a map of strings");
  std::string name, value;
  while (s.peek_in_form() != '}') {
    s.read_string(name);
    s.read_string(value);
    out[name] = value;
  }
  s.advance();
}

void append_string_map(fmt::memory_buffer& out, const std::map<std::string, std::string>& m) {
  out.push_back('{');
  bool first = true;
  for (const auto& [name, value] : m) {
    if (!first) out.append(std::string_view(", "));
    first = false;
    append_quoted_string(out, name);
    out.push_back(' ');
    append_quoted_string(out, value);
  }
  out.push_back('}');
}

}  // namespace

void parse_edn_header(EdnScanner& s, proto::Header& out) {
  out.Clear();
  out.set_magic(std::string(kHistoryMagic));
  out.set_format_version(kHistoryFormatVersion);
  s.expect('{', "a header map");
  std::string text;
  while (s.peek_in_form() != '}') {
    std::string_view name = s.read_keyword("a header key");
    const HeaderKey* key = nullptr;
    for (const HeaderKey& k : kHeaderKeys)
      if (k.name == name) key = &k;
    if (!key) {
      s.skip_form();
      continue;
    }
    switch (key->value) {
      case HeaderValue::kString:
        s.read_string(text);
        key->set_string(out, std::move(text));
        break;
      case HeaderValue::kInteger:
        key->set_integer(out, s.read_int("an integer"));
        break;
      case HeaderValue::kStringMap:
        parse_string_map(s, *key->map(out));
        break;
    }
  }
  s.advance();
}

std::string edn_header_line(const HistoryHeader& h) {
  fmt::memory_buffer out;
  auto it = std::back_inserter(out);
  fmt::format_to(it,
                 "{{:type :info, :process :isocheck, :f :header, :{} {{:magic \"{}\", "
                 ":format-version {}, :workload ",
                 kEdnHeaderKey, kHistoryMagic, kHistoryFormatVersion);
  append_quoted_string(out, h.workload == Workload::kUnknown ? "" : workload_name(h.workload));
  out.append(std::string_view(", :isolation "));
  append_quoted_string(out, h.isolation);
  out.append(std::string_view(", :database-version "));
  append_quoted_string(out, h.database_version);
  out.append(std::string_view(", :tool-version "));
  append_quoted_string(out, h.tool_version);
  out.append(std::string_view(", :table "));
  append_quoted_string(out, h.table);
  fmt::format_to(it, ", :seed {}, :start-unix-ns {}, :bank-accounts {}, :bank-total {}",
                 static_cast<int64_t>(h.seed), h.start_unix_ns, h.bank_accounts, h.bank_total);
  out.append(std::string_view(", :settings "));
  append_string_map(out, h.settings);
  out.append(std::string_view(", :statements "));
  append_string_map(out, h.statements);
  out.append(std::string_view("}}\n"));
  return fmt::to_string(out);
}

}  // namespace isocheck
