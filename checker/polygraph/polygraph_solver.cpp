#include "checker/polygraph/polygraph_solver.h"

#include <algorithm>

namespace isocheck {
namespace {

bool all_forward(const OrderedGraph& g, const std::vector<LabelledEdge>& edges) {
  return std::all_of(edges.begin(), edges.end(),
                     [&](const LabelledEdge& e) { return g.forward(e); });
}

class Solver {
 public:
  Solver(uint32_t node_count, const std::vector<LabelledEdge>& known,
         std::vector<PolygraphConstraint> constraints, const PolygraphLimits& limits,
         const std::vector<uint64_t>& rank)
      : g_(node_count, known, rank), constraints_(std::move(constraints)), limits_(limits) {
    r_.choice.assign(constraints_.size(), -1);
    r_.stats.constraints = constraints_.size();
  }

  PolygraphResult run() {
    r_.outcome = prune() ? search() : PolygraphOutcome::kCyclic;
    if (r_.outcome == PolygraphOutcome::kAcyclic) {
      r_.positions.resize(g_.node_count());
      for (uint32_t n = 0; n < g_.node_count(); ++n) r_.positions[n] = g_.position(n);
    }
    r_.stats.visits = g_.visits();
    return std::move(r_);
  }

 private:
  // Adds an option's edges, owned by the constraint; on a cycle, undoes
  // them and keeps the cycle.
  bool take(uint32_t c, int option) {
    const size_t mark = g_.trail_size();
    for (LabelledEdge e : constraints_[c].options[option]) {
      e.owner = c;
      if (auto cycle = g_.add(e)) {
        g_.undo_to(mark);
        r_.cycle = std::move(*cycle);
        return false;
      }
    }
    r_.choice[c] = static_cast<int8_t>(option);
    return true;
  }

  std::optional<ForcedChoice> refutation(uint32_t c, int option) const {
    for (const LabelledEdge& e : constraints_[c].options[option]) {
      if (g_.forward(e)) continue;
      if (auto path = g_.path(e.to, e.from, limits_.max_visits_per_refutation))
        return ForcedChoice{c, 1 - option, e, std::move(*path)};
    }
    return std::nullopt;
  }

  // False when both options of some constraint close a cycle.
  bool prune() {
    for (bool changed = true; changed;) {
      changed = false;
      for (uint32_t c = 0; c < constraints_.size(); ++c) {
        if (r_.choice[c] != -1) continue;
        for (int option = 0; option < 2; ++option) {
          std::optional<ForcedChoice> why = refutation(c, option);
          if (!why) continue;
          const int other = 1 - option;
          r_.forced.push_back(std::move(*why));
          if (!take(c, other)) return false;
          ++r_.stats.forced;
          changed = true;
          break;
        }
      }
    }
    return true;
  }

  struct Frame {
    uint32_t constraint;
    int option;
    size_t mark;
    bool other_left;
    bool was_free;
    // Search depths whose choices ruled out this constraint's other option.
    std::vector<uint32_t> conflicts;
  };

  // Depths of the search choices whose edges lie on the last cycle met;
  // edges of pruning and the known graph hold whatever the search does.
  std::vector<uint32_t> culprits(uint32_t current) const {
    std::vector<uint32_t> out;
    for (const LabelledEdge& e : r_.cycle)
      if (e.owner != LabelledEdge::kNoOwner && e.owner != current && depth_[e.owner] >= 0)
        out.push_back(static_cast<uint32_t>(depth_[e.owner]));
    return out;
  }

  static void merge(std::vector<uint32_t>& into, const std::vector<uint32_t>& more) {
    into.insert(into.end(), more.begin(), more.end());
    std::sort(into.begin(), into.end());
    into.erase(std::unique(into.begin(), into.end()), into.end());
  }

  void push(uint32_t c, int option, size_t mark, bool other_left, bool free,
            std::vector<uint32_t> conflicts) {
    depth_[c] = static_cast<int32_t>(stack_.size());
    stack_.push_back({c, option, mark, other_left, free, std::move(conflicts)});
  }

  // Backtracking with conflict-directed backjumping (Prosser): when neither
  // option of a constraint fits, the search returns straight to the latest
  // choice on the cycles that ruled them out, not merely to the latest
  // choice, and carries the other culprits along. Complete: it gives up
  // only when a dead end has no culprit left.
  PolygraphOutcome search() {
    std::vector<uint32_t> open;
    for (uint32_t c = 0; c < constraints_.size(); ++c)
      if (r_.choice[c] == -1) open.push_back(c);
    depth_.assign(constraints_.size(), -1);
    uint64_t steps = 0;
    while (stack_.size() < open.size()) {
      const uint32_t c = open[stack_.size()];
      const auto& options = constraints_[c].options;
      const int preferred = all_forward(g_, options[0]) ? 0 : all_forward(g_, options[1]) ? 1 : 0;
      const bool free = all_forward(g_, options[preferred]);
      const size_t mark = g_.trail_size();
      if (!free && ++steps > limits_.max_steps) return PolygraphOutcome::kUnknown;
      if (take(c, preferred)) {
        push(c, preferred, mark, true, free, {});
        continue;
      }
      std::vector<uint32_t> dead_end = culprits(c);
      if (++steps > limits_.max_steps) return PolygraphOutcome::kUnknown;
      if (take(c, 1 - preferred)) {
        push(c, 1 - preferred, mark, false, false, std::move(dead_end));
        continue;
      }
      merge(dead_end, culprits(c));
      // Jump back until some choice on the conflict can take its other option.
      for (;;) {
        if (dead_end.empty()) {
          r_.cycle_after_search = true;
          return PolygraphOutcome::kCyclic;
        }
        const uint32_t to = dead_end.back();
        dead_end.pop_back();
        while (stack_.size() > to + 1) undo_top();
        Frame f = std::move(stack_.back());
        undo_top();
        ++r_.stats.backtracks;
        merge(dead_end, f.conflicts);
        if (!f.other_left) continue;
        if (++steps > limits_.max_steps) return PolygraphOutcome::kUnknown;
        if (take(f.constraint, 1 - f.option)) {
          push(f.constraint, 1 - f.option, f.mark, false, false, std::move(dead_end));
          break;
        }
        merge(dead_end, culprits(f.constraint));
      }
    }
    for (const Frame& f : stack_) ++(f.was_free ? r_.stats.free : r_.stats.searched);
    return PolygraphOutcome::kAcyclic;
  }

  void undo_top() {
    const Frame& f = stack_.back();
    g_.undo_to(f.mark);
    r_.choice[f.constraint] = -1;
    depth_[f.constraint] = -1;
    stack_.pop_back();
  }

  OrderedGraph g_;
  std::vector<PolygraphConstraint> constraints_;
  PolygraphLimits limits_;
  PolygraphResult r_;
  std::vector<Frame> stack_;
  std::vector<int32_t> depth_;  // per constraint: its depth in stack_, or -1
};

}  // namespace

PolygraphResult solve_polygraph(uint32_t node_count, const std::vector<LabelledEdge>& known,
                                std::vector<PolygraphConstraint> constraints,
                                const PolygraphLimits& limits, const std::vector<uint64_t>& rank) {
  return Solver(node_count, known, std::move(constraints), limits, rank).run();
}

}  // namespace isocheck
