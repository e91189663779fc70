#include "tests/support/xml_tree.h"

#include <cctype>
#include <string>

namespace isocheck::testing {
namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class XmlParser {
 public:
  explicit XmlParser(std::string_view s) : s_(s) {}

  std::unique_ptr<XmlElement> document() {
    skip_misc();
    if (!starts("<")) fail("expected the root element");
    auto root = element();
    skip_misc();
    if (pos_ != s_.size()) fail("content after the root element");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("offset " + std::to_string(pos_) + ": " + what);
  }
  bool starts(std::string_view p) const { return s_.substr(pos_, p.size()) == p; }
  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  void skip_past(std::string_view end) {
    size_t at = s_.find(end, pos_);
    if (at == std::string_view::npos) fail("unterminated construct, expected " + std::string(end));
    pos_ = at + end.size();
  }
  // Prolog, comments and whitespace around the root.
  void skip_misc() {
    for (;;) {
      skip_space();
      if (starts("<?"))
        skip_past("?>");
      else if (starts("<!--"))
        skip_past("-->");
      else
        return;
    }
  }
  std::string name() {
    size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '-' ||
            s_[pos_] == '_' || s_[pos_] == '.' || s_[pos_] == ':'))
      ++pos_;
    if (pos_ == start) fail("expected a name");
    return std::string(s_.substr(start, pos_ - start));
  }
  // Decodes character data up to `stop`; raw '<' or a bad entity is an error.
  std::string chars(char stop) {
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != stop) {
      char c = s_[pos_];
      if (c == '<') fail("raw '<' in text or attribute");
      if (c != '&') {
        out.push_back(c);
        ++pos_;
        continue;
      }
      size_t semi = s_.find(';', pos_);
      if (semi == std::string_view::npos || semi - pos_ > 10) fail("bad entity reference");
      std::string_view ent = s_.substr(pos_ + 1, semi - pos_ - 1);
      if (ent == "amp")
        out += '&';
      else if (ent == "lt")
        out += '<';
      else if (ent == "gt")
        out += '>';
      else if (ent == "quot")
        out += '"';
      else if (ent == "apos")
        out += '\'';
      else if (ent.size() > 1 && ent[0] == '#') {
        bool hex = ent[1] == 'x';
        std::string digits(ent.substr(hex ? 2 : 1));
        if (digits.empty() || digits.size() > 6) fail("bad character reference");
        for (char d : digits)
          if (!(hex ? std::isxdigit(static_cast<unsigned char>(d))
                    : std::isdigit(static_cast<unsigned char>(d))))
            fail("bad character reference");
        append_utf8(out, std::stoul(digits, nullptr, hex ? 16 : 10));
      } else {
        fail("unknown entity &" + std::string(ent) + ";");
      }
      pos_ = semi + 1;
    }
    return out;
  }
  std::unique_ptr<XmlElement> element() {
    ++pos_;  // '<'
    auto e = std::make_unique<XmlElement>();
    e->name = name();
    for (;;) {
      skip_space();
      if (starts("/>")) {
        pos_ += 2;
        return e;
      }
      if (starts(">")) {
        ++pos_;
        break;
      }
      std::string attr = name();
      skip_space();
      if (!starts("=")) fail("expected '=' after attribute " + attr);
      ++pos_;
      skip_space();
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) fail("unquoted attribute");
      char quote = s_[pos_++];
      std::string value = chars(quote);
      if (pos_ >= s_.size()) fail("unterminated attribute " + attr);
      ++pos_;
      if (!e->attributes.emplace(attr, value).second) fail("duplicate attribute " + attr);
    }
    for (;;) {
      if (pos_ >= s_.size()) fail("unclosed element <" + e->name + ">");
      if (starts("</")) {
        pos_ += 2;
        std::string closing = name();
        if (closing != e->name) fail("</" + closing + "> closes <" + e->name + ">");
        skip_space();
        if (!starts(">")) fail("expected '>'");
        ++pos_;
        return e;
      }
      if (starts("<!--")) {
        skip_past("-->");
      } else if (starts("<")) {
        e->children.push_back(element());
      } else {
        e->text += chars('<');
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

void collect(const XmlElement& e, std::string_view name, std::vector<const XmlElement*>& out) {
  if (e.name == name) out.push_back(&e);
  for (const auto& c : e.children) collect(*c, name, out);
}

}  // namespace

std::vector<const XmlElement*> XmlElement::find_all(std::string_view want) const {
  std::vector<const XmlElement*> out;
  collect(*this, want, out);
  return out;
}

const XmlElement* XmlElement::child(std::string_view want) const {
  for (const auto& c : children)
    if (c->name == want) return c.get();
  return nullptr;
}

std::string XmlElement::attr(const std::string& want) const {
  auto it = attributes.find(want);
  return it == attributes.end() ? "" : it->second;
}

std::unique_ptr<XmlElement> parse_xml_tree(std::string_view document) {
  return XmlParser(document).document();
}

}  // namespace isocheck::testing
