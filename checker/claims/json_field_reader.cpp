#include "checker/claims/json_field_reader.h"

#include <fmt/format.h>

#include "checker/claims/verify_json.h"

namespace isocheck {

void JsonFieldReader::fail(std::string_view problem) const {
  throw VerifyJsonError(
      fmt::format("{}: {}: {}", *source_, path_.empty() ? "(top level)" : path_, problem));
}

JsonFieldReader JsonFieldReader::at(std::string_view key) const {
  if (!node_->is_object()) fail("expected an object");
  auto it = node_->find(key);
  std::string path = path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
  if (it == node_->end()) JsonFieldReader(*node_, path, *source_).fail("missing");
  return JsonFieldReader(*it, std::move(path), *source_);
}

bool JsonFieldReader::has(std::string_view key) const {
  return node_->is_object() && node_->contains(key);
}

JsonFieldReader JsonFieldReader::index(size_t i) const {
  if (!node_->is_array()) fail("expected an array");
  if (i >= node_->size()) fail(fmt::format("no element {}", i));
  return JsonFieldReader((*node_)[i], fmt::format("{}[{}]", path_, i), *source_);
}

size_t JsonFieldReader::size() const {
  if (!node_->is_array()) fail("expected an array");
  return node_->size();
}

std::vector<std::string> JsonFieldReader::keys() const {
  if (!node_->is_object()) fail("expected an object");
  std::vector<std::string> out;
  for (auto it = node_->begin(); it != node_->end(); ++it) out.push_back(it.key());
  return out;
}

std::string JsonFieldReader::str() const {
  if (!node_->is_string()) fail("expected a string");
  return node_->get<std::string>();
}

bool JsonFieldReader::boolean() const {
  if (!node_->is_boolean()) fail("expected true or false");
  return node_->get<bool>();
}

uint64_t JsonFieldReader::count() const {
  if (node_->is_number_unsigned()) return node_->get<uint64_t>();
  if (node_->is_number_integer() && node_->get<int64_t>() >= 0) return node_->get<uint64_t>();
  fail("expected a non-negative integer");
}

int64_t JsonFieldReader::integer() const {
  if (node_->is_number_integer() &&
      !(node_->is_number_unsigned() && node_->get<uint64_t>() > uint64_t{INT64_MAX}))
    return node_->get<int64_t>();
  fail("expected an integer");
}

double JsonFieldReader::number() const {
  if (!node_->is_number()) fail("expected a number");
  return node_->get<double>();
}

std::vector<std::string> JsonFieldReader::strings() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < size(); ++i) out.push_back(index(i).str());
  return out;
}

}  // namespace isocheck
