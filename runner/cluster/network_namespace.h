// NetworkNamespace: a private network namespace joined to the host by a veth
// pair, for a throwaway server that the `partition` fault can cut off from
// its clients.
//
// Layout: namespace "isocheck-<n>", host end "isock<n>h" = 10.213.<n>.1/30,
// namespace end "isock<n>n" = 10.213.<n>.2/30 (n in [0, 64): the first
// index whose namespace name is free; a name taken by a concurrent run or a
// stale one is skipped). Nothing outside 10.213.0.0/18 and the namespace's
// own loopback is ever touched.
//
// Partition: iptables rules inside the namespace (so never in the host's
// tables) DROP every packet from and to the host end: clients' packets
// vanish, so their connections hang rather than reset, until heal() deletes
// the rules again.
//
// Needs root (creating namespaces and links). remove() deletes the
// namespace, which deletes the veth pair and the namespace's rules with it;
// the owner (EmbeddedCluster) calls it after its server has stopped, on
// every exit path including the signal path. Tools run as child processes
// with their output in `log`.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace isocheck::runner {

class NetworkNamespace {
 public:
  // Creates and wires the namespace; throws ClusterError (one line) when not
  // root, when no index is free or when a tool fails.
  explicit NetworkNamespace(const std::filesystem::path& log);
  ~NetworkNamespace();
  NetworkNamespace(const NetworkNamespace&) = delete;
  NetworkNamespace& operator=(const NetworkNamespace&) = delete;

  const std::string& name() const { return name_; }
  const std::string& host_address() const { return host_address_; }
  const std::string& server_address() const { return server_address_; }
  // Prefix that runs a command inside the namespace as `user` (when not
  // empty): ip netns exec <name> runuser -u <user> --.
  std::vector<std::string> exec_prefix(const std::string& user) const;

  // Drops all traffic between host and namespace; heal() restores it.
  void partition();
  void heal();
  // Deletes the namespace (and so the veth pair and rules). Idempotent.
  void remove() noexcept;

 private:
  void run(const std::vector<std::string>& argv) const;

  std::filesystem::path log_;
  std::string name_;
  std::string host_link_, server_link_;
  std::string host_address_, server_address_;
  bool exists_ = false;
};

// Whether this process may create network namespaces (it runs as root).
bool can_create_network_namespaces();

}  // namespace isocheck::runner
