#include "runner/cluster/network_namespace.h"

#include <unistd.h>

#include "runner/cluster/child_command.h"
#include "runner/cluster/embedded_cluster.h"

namespace isocheck::runner {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

constexpr int kIndices = 64;
constexpr const char* kToolDirs[] = {"/usr/sbin", "/sbin", "/usr/bin", "/bin"};

// Absolute path of a system tool; ClusterError naming its package if absent.
std::string system_tool(const std::string& name, const std::string& package) {
  for (const char* dir : kToolDirs) {
    fs::path p = fs::path(dir) / name;
    if (::access(p.c_str(), X_OK) == 0) return p.string();
  }
  throw ClusterError(name + " not found (install the Debian package " + package + ")");
}

}  // namespace

bool can_create_network_namespaces() { return ::geteuid() == 0; }

NetworkNamespace::NetworkNamespace(const fs::path& log) : log_(log) {
  if (!can_create_network_namespaces())
    throw ClusterError("a network namespace for the server needs root");
  std::string ip = system_tool("ip", "iproute2");
  system_tool("iptables", "iptables");
  for (int n = 0; n < kIndices && !exists_; ++n) {
    std::string name = "isocheck-" + std::to_string(n);
    // `ip netns add` fails when the name exists: the index is taken.
    if (!run_server_tool({ip, "netns", "add", name}, std::nullopt, log_, log_.parent_path(),
                         seconds(30))
             .ok())
      continue;
    exists_ = true;
    name_ = name;
    host_link_ = "isock" + std::to_string(n) + "h";
    server_link_ = "isock" + std::to_string(n) + "n";
    host_address_ = "10.213." + std::to_string(n) + ".1";
    server_address_ = "10.213." + std::to_string(n) + ".2";
  }
  if (!exists_)
    throw ClusterError("no free network namespace isocheck-0 .. isocheck-" +
                       std::to_string(kIndices - 1) + " (stale ones: ip netns list)");
  try {
    run({ip, "link", "add", host_link_, "type", "veth", "peer", "name", server_link_, "netns",
         name_});
    run({ip, "addr", "add", host_address_ + "/30", "dev", host_link_});
    run({ip, "link", "set", host_link_, "up"});
    run({ip, "-n", name_, "addr", "add", server_address_ + "/30", "dev", server_link_});
    run({ip, "-n", name_, "link", "set", server_link_, "up"});
    run({ip, "-n", name_, "link", "set", "lo", "up"});
  } catch (...) {
    remove();
    throw;
  }
}

NetworkNamespace::~NetworkNamespace() { remove(); }

void NetworkNamespace::run(const std::vector<std::string>& argv) const {
  ToolOutcome r = run_server_tool(argv, std::nullopt, log_, log_.parent_path(), seconds(30));
  if (!r.ok()) {
    std::string command;
    for (const std::string& a : argv) command += (command.empty() ? "" : " ") + a;
    throw ClusterError(command + " failed: " + last_log_line(log_));
  }
}

std::vector<std::string> NetworkNamespace::exec_prefix(const std::string& user) const {
  std::vector<std::string> prefix = {system_tool("ip", "iproute2"), "netns", "exec", name_};
  if (!user.empty()) {
    for (std::string a :
         {system_tool("runuser", "util-linux"), std::string("-u"), user, std::string("--")})
      prefix.push_back(a);
  }
  return prefix;
}

void NetworkNamespace::partition() {
  std::vector<std::string> in_ns = exec_prefix("");
  std::string iptables = system_tool("iptables", "iptables");
  auto rule = [&](const char* chain, const char* direction) {
    std::vector<std::string> argv = in_ns;
    for (std::string a :
         {iptables, std::string("-w"), std::string("-A"), std::string(chain),
          std::string(direction), host_address_, std::string("-j"), std::string("DROP")})
      argv.push_back(a);
    run(argv);
  };
  rule("INPUT", "-s");
  rule("OUTPUT", "-d");
}

void NetworkNamespace::heal() {
  std::string iptables = system_tool("iptables", "iptables");
  for (const char* chain : {"INPUT", "OUTPUT"}) {
    std::vector<std::string> argv = exec_prefix("");
    for (std::string a : {iptables, std::string("-w"), std::string("-F"), std::string(chain)})
      argv.push_back(a);
    run(argv);
  }
}

void NetworkNamespace::remove() noexcept {
  if (!exists_) return;
  try {
    // Deleting the namespace deletes its end of the veth pair, and with it
    // the host end; its iptables tables go with it.
    run({system_tool("ip", "iproute2"), "netns", "delete", name_});
    exists_ = false;
  } catch (const std::exception&) {
    // Left for `ip netns list`; the next run skips the index.
  }
}

}  // namespace isocheck::runner
