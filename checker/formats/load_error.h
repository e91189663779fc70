// LoadError: the one exception every history loader throws for bad input.
//
// Contract: what() is a single line
//   <file>: <where>: <field>: <what is wrong>
// where <where> is "record N (byte B)" for protobuf, "line N" for the text
// formats, "byte N" for whole-file problems (empty, unreadable, unknown
// format) and "index N" for checks that run after loading and can only name
// the event. Newlines in any part are replaced by spaces so that a hostile
// input cannot forge extra lines. The CLI maps LoadError to exit code 2.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace isocheck {

class LoadError : public std::runtime_error {
 public:
  LoadError(std::string_view file, std::string_view where, std::string_view field,
            std::string_view problem);
  // `detail` is already "<field>: <what is wrong>", as HistoryBuilder reports it.
  LoadError(std::string_view file, std::string_view where, std::string_view detail);
};

}  // namespace isocheck
