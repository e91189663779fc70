// OrderedGraph: a directed graph that stays acyclic, keeping a topological
// order of its nodes as edges come and go (Pearce and Kelly's dynamic
// topological sort), for the version-order search.
//
// Adding u -> v when u already precedes v in the order costs nothing; else
// only the nodes whose positions lie between v and u are visited. An edge
// that would close a cycle is refused, and the cycle it would close is
// returned. Edges are removed in the reverse order they were added (a trail),
// which keeps the order valid without any work.
//
// Every edge carries a 32-bit label the caller chooses (what the edge stands
// for), returned with the cycle. Contract: nodes < node_count; the graph
// given to the constructor must be acyclic (else it throws
// std::invalid_argument).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace isocheck {

struct LabelledEdge {
  static constexpr uint32_t kNoOwner = UINT32_MAX;
  uint32_t from;
  uint32_t to;
  uint32_t label;
  // Who added the edge, for the caller (the polygraph search: which
  // constraint); kept with the edge and returned in cycles.
  uint32_t owner = kNoOwner;
};

class OrderedGraph {
 public:
  // The initial order follows `rank` (smaller first) wherever the edges
  // allow; empty: the node ids.
  OrderedGraph(uint32_t node_count, const std::vector<LabelledEdge>& edges,
               const std::vector<uint64_t>& rank = {});

  uint32_t node_count() const { return static_cast<uint32_t>(position_.size()); }
  // The node's place in the current topological order.
  uint32_t position(uint32_t node) const { return position_[node]; }
  bool forward(const LabelledEdge& e) const { return position_[e.from] < position_[e.to]; }

  // Adds the edge unless it closes a cycle; then returns that cycle, the new
  // edge first, and leaves the graph unchanged.
  std::optional<std::vector<LabelledEdge>> add(const LabelledEdge& e);
  // Edges added so far (a mark for undo_to).
  size_t trail_size() const { return trail_.size(); }
  // Removes the edges added after `mark`, newest first.
  void undo_to(size_t mark);

  // A path from `from` to `to` visiting at most `max_visits` nodes, if one is
  // found; nullopt also when the limit cut the search short.
  std::optional<std::vector<LabelledEdge>> path(uint32_t from, uint32_t to,
                                                uint64_t max_visits) const;
  // Nodes visited by every search so far.
  uint64_t visits() const { return visits_; }

 private:
  struct Arc {
    uint32_t node;
    uint32_t label;
    uint32_t owner;
  };
  // Forward search from `start` over nodes placed at or before `limit`;
  // records each reached node's incoming arc. Stops at `target`.
  bool search_forward(uint32_t start, uint32_t limit, uint32_t target, uint64_t max_visits) const;
  void search_backward(uint32_t start, uint32_t limit);
  std::vector<LabelledEdge> path_to(uint32_t from, uint32_t to) const;
  void reorder();

  std::vector<std::vector<Arc>> out_, in_;
  std::vector<uint32_t> position_;
  std::vector<uint32_t> node_at_;
  std::vector<LabelledEdge> trail_;
  // Search scratch, stamped so that nothing is cleared between searches.
  mutable std::vector<uint32_t> stamp_;
  mutable std::vector<Arc> came_from_;
  mutable std::vector<uint32_t> stack_;
  mutable std::vector<uint32_t> reached_forward_;
  mutable uint32_t current_stamp_ = 0;
  mutable uint64_t visits_ = 0;
  std::vector<uint32_t> reached_backward_;
};

}  // namespace isocheck
