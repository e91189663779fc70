// JsonFieldReader: typed access into a parsed JSON document that knows
// where it is, so that every complaint about bad input names the file and
// the field ("nightly.json: cells[2].throughput: expected a number").
//
// A reader is a cheap view (a pointer to a node and its path); it never
// owns the document, which must outlive it. Every accessor throws
// VerifyJsonError with that one-line message on a missing field or a wrong
// type.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace isocheck {

class JsonFieldReader {
 public:
  JsonFieldReader(const nlohmann::json& node, std::string path, const std::string& source)
      : node_(&node), path_(std::move(path)), source_(&source) {}

  [[noreturn]] void fail(std::string_view problem) const;

  // Member `key` of an object; fails when absent.
  JsonFieldReader at(std::string_view key) const;
  bool has(std::string_view key) const;
  // Element `i` of an array.
  JsonFieldReader index(size_t i) const;
  // Length of an array.
  size_t size() const;
  // Names of an object's members, in document order.
  std::vector<std::string> keys() const;

  std::string str() const;
  bool boolean() const;
  uint64_t count() const;  // a non-negative integer
  int64_t integer() const;
  double number() const;
  std::vector<std::string> strings() const;  // an array of strings

  const nlohmann::json& node() const { return *node_; }

 private:
  const nlohmann::json* node_;
  std::string path_;
  const std::string* source_;
};

}  // namespace isocheck
