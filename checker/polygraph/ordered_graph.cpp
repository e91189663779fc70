#include "checker/polygraph/ordered_graph.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <stdexcept>

namespace isocheck {
namespace {
constexpr uint32_t kNoNode = UINT32_MAX;
}  // namespace

OrderedGraph::OrderedGraph(uint32_t node_count, const std::vector<LabelledEdge>& edges,
                           const std::vector<uint64_t>& rank)
    : out_(node_count),
      in_(node_count),
      position_(node_count, kNoNode),
      stamp_(node_count, 0),
      came_from_(node_count) {
  std::vector<uint32_t> in_degree(node_count, 0);
  for (const LabelledEdge& e : edges) {
    out_[e.from].push_back({e.to, e.label, e.owner});
    in_[e.to].push_back({e.from, e.label, e.owner});
    ++in_degree[e.to];
  }
  // Kahn's algorithm taking the smallest ready rank first, so the order
  // follows the ranks wherever the edges allow: edges the caller expects
  // to go forward start out forward, and the searches stay short.
  node_at_.reserve(node_count);
  using Ready = std::pair<uint64_t, uint32_t>;  // rank, node
  std::priority_queue<Ready, std::vector<Ready>, std::greater<>> ready;
  auto rank_of = [&](uint32_t n) { return rank.empty() ? n : rank[n]; };
  for (uint32_t n = 0; n < node_count; ++n)
    if (in_degree[n] == 0) ready.push({rank_of(n), n});
  while (!ready.empty()) {
    const uint32_t n = ready.top().second;
    ready.pop();
    node_at_.push_back(n);
    for (const Arc& a : out_[n])
      if (--in_degree[a.node] == 0) ready.push({rank_of(a.node), a.node});
  }
  if (node_at_.size() != node_count)
    throw std::invalid_argument("the known dependencies already form a cycle");
  for (uint32_t p = 0; p < node_count; ++p) position_[node_at_[p]] = p;
}

std::optional<std::vector<LabelledEdge>> OrderedGraph::add(const LabelledEdge& e) {
  if (e.from == e.to) return std::vector<LabelledEdge>{e};
  if (!forward(e)) {
    if (search_forward(e.to, position_[e.from], e.from, UINT64_MAX)) {
      std::vector<LabelledEdge> cycle{e};
      std::vector<LabelledEdge> rest = path_to(e.to, e.from);
      cycle.insert(cycle.end(), rest.begin(), rest.end());
      return cycle;
    }
    search_backward(e.from, position_[e.to]);
    reorder();
  }
  out_[e.from].push_back({e.to, e.label, e.owner});
  in_[e.to].push_back({e.from, e.label, e.owner});
  trail_.push_back(e);
  return std::nullopt;
}

void OrderedGraph::undo_to(size_t mark) {
  while (trail_.size() > mark) {
    const LabelledEdge& e = trail_.back();
    out_[e.from].pop_back();
    in_[e.to].pop_back();
    trail_.pop_back();
  }
}

std::optional<std::vector<LabelledEdge>> OrderedGraph::path(uint32_t from, uint32_t to,
                                                            uint64_t max_visits) const {
  if (position_[from] > position_[to]) return std::nullopt;
  if (!search_forward(from, position_[to], to, max_visits)) return std::nullopt;
  return path_to(from, to);
}

bool OrderedGraph::search_forward(uint32_t start, uint32_t limit, uint32_t target,
                                  uint64_t max_visits) const {
  const uint32_t stamp = current_stamp_ += 2;
  reached_forward_.clear();
  reached_forward_.push_back(start);
  stamp_[start] = stamp;
  if (start == target) return true;
  stack_.assign(1, start);
  uint64_t visited = 0;
  while (!stack_.empty()) {
    const uint32_t n = stack_.back();
    stack_.pop_back();
    if (++visited > max_visits) return false;
    ++visits_;
    for (const Arc& a : out_[n]) {
      if (position_[a.node] > limit || stamp_[a.node] == stamp) continue;
      stamp_[a.node] = stamp;
      came_from_[a.node] = {n, a.label, a.owner};
      if (a.node == target) return true;
      reached_forward_.push_back(a.node);
      stack_.push_back(a.node);
    }
  }
  return false;
}

void OrderedGraph::search_backward(uint32_t start, uint32_t limit) {
  // One past the forward search's stamp: the two sets are told apart.
  const uint32_t stamp = current_stamp_ + 1;
  reached_backward_.assign(1, start);
  stamp_[start] = stamp;
  stack_.assign(1, start);
  while (!stack_.empty()) {
    const uint32_t n = stack_.back();
    stack_.pop_back();
    ++visits_;
    for (const Arc& a : in_[n]) {
      if (position_[a.node] < limit || stamp_[a.node] == stamp) continue;
      stamp_[a.node] = stamp;
      reached_backward_.push_back(a.node);
      stack_.push_back(a.node);
    }
  }
}

std::vector<LabelledEdge> OrderedGraph::path_to(uint32_t from, uint32_t to) const {
  std::vector<LabelledEdge> path;
  for (uint32_t n = to; n != from; n = came_from_[n].node)
    path.push_back({came_from_[n].node, n, came_from_[n].label, came_from_[n].owner});
  std::reverse(path.begin(), path.end());
  return path;
}

// The nodes that reach the new edge's source must all come before the nodes
// its target reaches; both sets keep their relative order, in the positions
// they held between them.
void OrderedGraph::reorder() {
  auto by_position = [&](uint32_t a, uint32_t b) { return position_[a] < position_[b]; };
  std::sort(reached_backward_.begin(), reached_backward_.end(), by_position);
  std::sort(reached_forward_.begin(), reached_forward_.end(), by_position);
  std::vector<uint32_t> slots;
  slots.reserve(reached_backward_.size() + reached_forward_.size());
  for (uint32_t n : reached_backward_) slots.push_back(position_[n]);
  for (uint32_t n : reached_forward_) slots.push_back(position_[n]);
  std::sort(slots.begin(), slots.end());
  size_t i = 0;
  for (uint32_t n : reached_backward_) position_[n] = slots[i++];
  for (uint32_t n : reached_forward_) position_[n] = slots[i++];
  for (size_t j = 0; j < slots.size(); ++j) {
    const uint32_t p = slots[j];
    node_at_[p] = j < reached_backward_.size() ? reached_backward_[j]
                                               : reached_forward_[j - reached_backward_.size()];
  }
}

}  // namespace isocheck
