// parse_xml_tree: a deliberately small, strict XML parser for tests that
// must prove a report is well-formed (balanced tags, quoted attributes,
// only the five predefined entities and numeric references, nothing after
// the root) and then look inside it. Not a general XML library: no DTDs,
// no namespaces, no CDATA.
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace isocheck::testing {

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;  // values with entities decoded
  std::string text;                               // all direct text, decoded
  std::vector<std::unique_ptr<XmlElement>> children;

  // Every descendant (self included) named `name`, in document order.
  std::vector<const XmlElement*> find_all(std::string_view name) const;
  const XmlElement* child(std::string_view name) const;  // first direct child
  std::string attr(const std::string& name) const;       // "" when absent
};

// Throws std::runtime_error("offset N: what is wrong") on ill-formed input.
std::unique_ptr<XmlElement> parse_xml_tree(std::string_view document);

}  // namespace isocheck::testing
