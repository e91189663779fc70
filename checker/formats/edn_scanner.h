// EdnScanner: a cursor over buffered EDN text with just the primitives the
// history loader needs — whitespace, integers, keywords, strings, and
// skipping any form at all — without building a value tree and without a
// std::string per token.
//
// The scanner sees a window [pos, end) of the file. Reaching `end` before
// the end of file throws EdnNeedMore: the caller refills its buffer and
// parses the whole top-level form again from its start (forms are small, so
// the rare restart is cheaper than making every primitive resumable).
// Reaching `end` at the end of file inside a form throws EdnSyntaxError
// ("the file ends inside this op"); malformed text throws EdnSyntaxError
// with a short description. Newlines are counted for error messages.
//
// Supported EDN: nil, true, false, integers (optionally with an N suffix),
// floats, strings with escapes (\" \\ \n \t \r \b \f \uXXXX), characters,
// symbols, keywords, lists, vectors, maps, sets #{}, tagged literals
// (#inst "...", #jepsen.history.Op{...}: the tag is skipped and the form
// read), and ; comments. The #_ discard is read as a tag, which is harmless
// wherever the scanner skips values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace isocheck {

struct EdnNeedMore {};

// Bytes that may appear in a symbol, keyword or number: everything but
// whitespace, control characters and EDN's delimiters.
struct EdnTokenChars {
  bool v[256];
  constexpr EdnTokenChars() : v() {
    for (int i = 0; i < 256; ++i) v[i] = i > 0x20;
    for (char c : std::string_view("()[]{}\",;\x7f")) v[static_cast<unsigned char>(c)] = false;
  }
  constexpr bool operator[](unsigned char c) const { return v[c]; }
};
inline constexpr EdnTokenChars kEdnTokenChars{};

struct EdnSyntaxError {
  std::string problem;
};

class EdnScanner {
 public:
  static constexpr int kEof = -1;

  void reset(const char* pos, const char* end, bool eof, uint64_t line) {
    p_ = pos;
    end_ = end;
    eof_ = eof;
    line_ = line;
    token_hit_eof_ = false;
  }

  // True once a token ran into the end of the file: the form it belongs to
  // cannot be complete, so whatever error follows is really a cut.
  bool token_hit_eof() const { return token_hit_eof_; }

  const char* pos() const { return p_; }
  uint64_t line() const { return line_; }
  void rewind(const char* pos, uint64_t line) {
    p_ = pos;
    line_ = line;
  }

  // Skips whitespace, commas and comments; returns the next character, or
  // kEof at the end of the file.
  int peek() {
    while (true) {
      if (p_ == end_) {
        if (eof_) return kEof;
        throw EdnNeedMore{};
      }
      char c = *p_;
      if (c == ' ' || c == ',') {
        ++p_;
      } else if (c == '\n') {
        ++line_;
        ++p_;
      } else if (c == '\t' || c == '\r') {
        ++p_;
      } else if (c == ';') {
        skip_comment();
      } else {
        return static_cast<unsigned char>(c);
      }
    }
  }

  // Like peek() but inside a form, where the end of file is an error.
  char peek_in_form() {
    int c = peek();
    if (c == kEof) fail_cut();
    return static_cast<char>(c);
  }

  void advance() { ++p_; }

  void expect(char c, const char* what) {
    if (peek_in_form() != c) fail_expected(what);
    ++p_;
  }

  // The run of symbol / keyword / number characters at the cursor (after
  // whitespace); empty when the cursor is at a delimiter.
  std::string_view read_token() {
    peek_in_form();
    const char* start = p_;
    while (true) {
      if (p_ == end_) {
        if (!eof_) throw EdnNeedMore{};
        token_hit_eof_ = true;
        break;
      }
      if (!is_token_char(*p_)) break;
      ++p_;
    }
    return {start, static_cast<size_t>(p_ - start)};
  }

  // A keyword's name without its colon, or fails naming `what` was expected.
  std::string_view read_keyword(const char* what) {
    if (peek_in_form() != ':') fail_expected(what);
    ++p_;
    std::string_view name = read_token();
    if (name.empty()) fail_expected(what);
    return name;
  }

  // Parses an integer token; false (cursor unchanged) when the next form is
  // not an integer.
  bool try_read_int(int64_t& out);
  int64_t read_int(const char* what) {
    int64_t v;
    if (!try_read_int(v)) fail_expected(what);
    return v;
  }

  // Reads a string literal, unescaped, into `out`.
  void read_string(std::string& out);
  // Skips one complete form of any kind (tags included).
  void skip_form();

  [[noreturn]] void fail_cut();
  [[noreturn]] void fail_expected(const char* what);
  [[noreturn]] static void fail(std::string problem);

  static bool is_token_char(char c) { return kEdnTokenChars[static_cast<unsigned char>(c)]; }

 private:
  bool try_read_int_slow(int64_t& out);
  void skip_comment();
  void skip_string();
  void skip_char_literal();
  // Returns the next raw byte without skipping anything; throws at the end.
  char raw_next();

  const char* p_ = nullptr;
  const char* end_ = nullptr;
  bool eof_ = false;
  bool token_hit_eof_ = false;
  uint64_t line_ = 1;
  std::string closers_;  // expected closing brackets while skipping
};

}  // namespace isocheck
