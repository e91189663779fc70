#include "checker/formats/edn_scanner.h"

#include <fmt/format.h>

#include "checker/formats/utf8.h"

namespace isocheck {

void EdnScanner::fail_cut() { fail("the file ends inside this op (cut?)"); }

void EdnScanner::fail_expected(const char* what) {
  int c = p_ == end_ ? kEof : static_cast<unsigned char>(*p_);
  if (c == kEof) fail_cut();
  // Show the offending token, or the one delimiter, so the user can find it on the line.
  const char* stop = p_;
  while (stop != end_ && stop - p_ < 40 && is_token_char(*stop)) ++stop;
  if (stop == p_) ++stop;
  fail(fmt::format("expected {}, found \"{}\"", what, std::string_view(p_, stop - p_)));
}

void EdnScanner::fail(std::string problem) { throw EdnSyntaxError{std::move(problem)}; }

char EdnScanner::raw_next() {
  if (p_ == end_) {
    if (!eof_) throw EdnNeedMore{};
    fail_cut();
  }
  return *p_++;
}

bool EdnScanner::try_read_int(int64_t& out) {
  peek_in_form();
  // Fast path: plain decimal integers of up to 18 digits, parsed in one pass.
  const char* q = p_;
  bool negative = *q == '-';
  if (negative || *q == '+') ++q;
  const char* digits = q;
  uint64_t v = 0;
  while (q != end_ && q - digits < 18 && static_cast<unsigned char>(*q - '0') < 10)
    v = v * 10 + static_cast<unsigned char>(*q++ - '0');
  if (q != digits && q != end_ && !is_token_char(*q)) {
    p_ = q;
    out = negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
    return true;
  }
  return try_read_int_slow(out);
}

bool EdnScanner::try_read_int_slow(int64_t& out) {
  const char* start = p_;
  std::string_view t = read_token();
  size_t i = 0;
  bool negative = false;
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
    negative = t[0] == '-';
    i = 1;
  }
  // Clojure writes big integers with an N suffix; accept it on integers that fit.
  size_t digits_end = !t.empty() && t.back() == 'N' ? t.size() - 1 : t.size();
  if (i == digits_end) {
    p_ = start;
    return false;
  }
  // Accumulate negatively so that INT64_MIN parses.
  int64_t v = 0;
  for (; i < digits_end; ++i) {
    unsigned d = static_cast<unsigned char>(t[i]) - '0';
    if (d > 9 || __builtin_mul_overflow(v, 10, &v) ||
        __builtin_sub_overflow(v, static_cast<int64_t>(d), &v)) {
      p_ = start;
      return false;
    }
  }
  if (!negative) {
    if (v == INT64_MIN) {
      p_ = start;
      return false;
    }
    v = -v;
  }
  out = v;
  return true;
}

void EdnScanner::skip_comment() {
  while (p_ != end_ && *p_ != '\n') ++p_;
  if (p_ == end_ && !eof_) throw EdnNeedMore{};
}

void EdnScanner::skip_string() {
  ++p_;  // opening quote
  while (true) {
    char c = raw_next();
    if (c == '"') return;
    if (c == '\n') ++line_;
    if (c == '\\') raw_next();
  }
}

namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

}  // namespace

void EdnScanner::read_string(std::string& out) {
  out.clear();
  if (peek_in_form() != '"') fail_expected("a string");
  ++p_;
  while (true) {
    char c = raw_next();
    if (c == '"') {
      if (!is_valid_utf8(out)) fail("the string holds bytes that are not UTF-8");
      return;
    }
    if (c == '\n') ++line_;
    if (c != '\\') {
      out += c;
      continue;
    }
    char e = raw_next();
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case '"':
      case '\\':
      case '/':
        out += e;
        break;
      case 'u': {
        uint32_t cp = 0;
        for (int k = 0; k < 4; ++k) {
          char h = raw_next();
          int d = h >= '0' && h <= '9'   ? h - '0'
                  : h >= 'a' && h <= 'f' ? h - 'a' + 10
                  : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                         : -1;
          if (d < 0) fail("bad \\u escape in a string");
          cp = cp * 16 + static_cast<uint32_t>(d);
        }
        append_utf8(out, cp);
        break;
      }
      default:
        fail(fmt::format("unknown escape \\{} in a string", e));
    }
  }
}

void EdnScanner::skip_char_literal() {
  ++p_;        // backslash
  raw_next();  // the character itself, which may be a delimiter: \( \space
  while (true) {
    if (p_ == end_) {
      if (!eof_) throw EdnNeedMore{};
      token_hit_eof_ = true;
      return;
    }
    if (!is_token_char(*p_)) return;
    ++p_;
  }
}

void EdnScanner::skip_form() {
  closers_.clear();
  while (true) {
    char c = peek_in_form();
    bool tag = false;
    switch (c) {
      case '(':
        closers_ += ')';
        ++p_;
        break;
      case '[':
        closers_ += ']';
        ++p_;
        break;
      case '{':
        closers_ += '}';
        ++p_;
        break;
      case ')':
      case ']':
      case '}':
        if (closers_.empty() || closers_.back() != c) fail(fmt::format("unbalanced '{}'", c));
        closers_.pop_back();
        ++p_;
        break;
      case '"':
        skip_string();
        break;
      case '\\':
        skip_char_literal();
        break;
      case '#': {
        ++p_;
        char next = raw_next();
        if (next == '{') {
          closers_ += '}';
        } else if (next == '(') {
          closers_ += ')';
        } else if (next == '"') {
          --p_;
          skip_string();
        } else if (next == '#') {
          read_token();  // ##Inf, ##NaN: a whole value
        } else {
          // A tag (or ##Inf, #_): skip its name; the tagged form follows.
          --p_;
          read_token();
          tag = true;
        }
        break;
      }
      default:
        if (read_token().empty()) fail(fmt::format("unexpected character '{}'", c));
    }
    if (!tag && closers_.empty()) return;
  }
}

}  // namespace isocheck
