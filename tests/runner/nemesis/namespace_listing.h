// What the partition fault may leave on the host, for tests to check after a
// run: the network namespace it used (named in its fault records) and the
// host end of its veth pair.
#pragma once

#include <string>

#include "checker/history/history.h"

namespace isocheck::runner::testing {

// "isocheck-<n>" as named in the first partition fault record; "" if none.
std::string partition_namespace(const History& h);
// Whether /run/netns/<name> exists.
bool namespace_exists(const std::string& name);
// Whether the host link of namespace isocheck-<n> (isock<n>h) exists.
bool host_link_exists(const std::string& namespace_name);

}  // namespace isocheck::runner::testing
