#include "tests/runner/nemesis/namespace_listing.h"

#include <filesystem>

namespace isocheck::runner::testing {

std::string partition_namespace(const History& h) {
  static const std::string kPrefix = "namespace isocheck-";
  for (const Fault& f : h.faults) {
    size_t at = f.detail.find(kPrefix);
    if (f.kind != "partition" || at == std::string::npos) continue;
    size_t begin = at + std::string("namespace ").size();
    size_t end = f.detail.find_first_not_of("0123456789", at + kPrefix.size());
    return f.detail.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  }
  return "";
}

bool namespace_exists(const std::string& name) {
  return std::filesystem::exists("/run/netns/" + name);
}

bool host_link_exists(const std::string& namespace_name) {
  std::string index = namespace_name.substr(namespace_name.find('-') + 1);
  return std::filesystem::exists("/sys/class/net/isock" + index + "h");
}

}  // namespace isocheck::runner::testing
