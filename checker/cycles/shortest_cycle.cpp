#include "checker/cycles/shortest_cycle.h"

#include <algorithm>
#include <limits>

namespace isocheck {
namespace {

using Entry = CycleSearchScratch::Entry;

// No simple cycle of the kind is shorter than this (no self-edges; two
// non-adjacent rw steps need two steps between them).
size_t shortest_possible(const CycleSpec& spec) { return spec.rw == RwRule::kNonadjacent ? 4 : 2; }

uint32_t next_stamp(CycleSearchScratch& s) {
  if (++s.stamp == 0) {
    std::fill(s.seen.begin(), s.seen.end(), 0);
    s.stamp = 1;
  }
  return s.stamp;
}

// The closed walk anchor_from -> ... -> queue[last].vertex -> anchor_from,
// or an empty vector when it repeats a transaction.
std::vector<CycleStep> closed_walk(CycleSearchScratch& s, uint32_t anchor_from,
                                   EdgeKind anchor_kind, uint32_t last, EdgeKind closing_kind) {
  s.path.clear();
  for (uint32_t i = last; i != CycleSearchScratch::kNoParent; i = s.queue[i].parent)
    s.path.push_back(i);
  std::reverse(s.path.begin(), s.path.end());

  std::vector<uint32_t> vertices;
  vertices.reserve(s.path.size());
  for (uint32_t i : s.path) vertices.push_back(s.queue[i].vertex);
  std::sort(vertices.begin(), vertices.end());
  if (std::adjacent_find(vertices.begin(), vertices.end()) != vertices.end()) return {};

  std::vector<CycleStep> cycle;
  cycle.reserve(s.path.size() + 1);
  uint32_t from = anchor_from;
  for (size_t j = 0; j < s.path.size(); ++j) {
    const Entry& e = s.queue[s.path[j]];
    cycle.push_back(CycleStep{from, e.vertex, j == 0 ? anchor_kind : e.kind});
    from = e.vertex;
  }
  cycle.push_back(CycleStep{from, anchor_from, closing_kind});
  return cycle;
}

}  // namespace

ShortestCycle find_shortest_cycle(const DependencyGraph& graph, const Components& components,
                                  uint32_t component, const CycleAutomaton& automaton,
                                  EdgeKind anchor, uint64_t max_steps,
                                  CycleSearchScratch& scratch) {
  ShortestCycle result;
  const auto members = components.members(component);
  const auto& comp_of = components.component_of;
  const size_t states = automaton.state_count();
  const EdgeMask allowed = automaton.spec().allowed();
  const size_t floor = shortest_possible(automaton.spec());

  if (scratch.local_of.size() < graph.vertex_count()) scratch.local_of.resize(graph.vertex_count());
  for (uint32_t i = 0; i < members.size(); ++i) scratch.local_of[members[i]] = i;
  if (scratch.seen.size() < members.size() * states) scratch.seen.resize(members.size() * states);

  const uint8_t first_state = automaton.next(automaton.start(), anchor);
  if (first_state == CycleAutomaton::kDead) return result;
  size_t best = std::numeric_limits<size_t>::max();

  for (uint32_t u : members) {
    const auto targets = graph.targets(u);
    const auto masks = graph.masks(u);
    for (size_t a = 0; a < targets.size(); ++a) {
      if (best <= floor) return result;
      if (++result.steps > max_steps) {
        result.exhausted = true;
        return result;
      }
      const uint32_t v = targets[a];
      if (!has_kind(masks[a], anchor) || comp_of[v] != component) continue;

      // Breadth-first from v; entries of one level have walked `length`
      // steps (the anchor included).
      const uint32_t stamp = next_stamp(scratch);
      auto& queue = scratch.queue;
      queue.clear();
      queue.push_back(Entry{v, CycleSearchScratch::kNoParent, first_state, anchor});
      scratch.seen[static_cast<size_t>(scratch.local_of[v]) * states + first_state] = stamp;
      size_t level_begin = 0;
      bool closed = false;
      for (size_t length = 1; !closed && level_begin < queue.size() && length + 1 < best;
           ++length) {
        const size_t level_end = queue.size();
        for (size_t qi = level_begin; !closed && qi < level_end; ++qi) {
          const Entry here = queue[qi];
          const auto ts = graph.targets(here.vertex);
          const auto ms = graph.masks(here.vertex);
          for (size_t j = 0; j < ts.size(); ++j) {
            if (++result.steps > max_steps) {
              result.exhausted = true;
              return result;
            }
            const uint32_t w = ts[j];
            EdgeMask kinds = ms[j] & allowed;
            if (kinds == 0 || comp_of[w] != component) continue;
            for (int k = 0; k < kEdgeKindCount; ++k) {
              const auto kind = static_cast<EdgeKind>(k);
              if (!has_kind(kinds, kind)) continue;
              const uint8_t s = automaton.next(here.state, kind);
              if (s == CycleAutomaton::kDead) continue;
              if (w == u) {
                if (!automaton.accepts(s)) continue;
                auto cycle = closed_walk(scratch, u, anchor, static_cast<uint32_t>(qi), kind);
                if (cycle.empty()) continue;
                best = cycle.size();
                result.cycle = std::move(cycle);
                closed = true;
                break;
              }
              uint32_t& seen = scratch.seen[static_cast<size_t>(scratch.local_of[w]) * states + s];
              if (seen == stamp) continue;
              seen = stamp;
              queue.push_back(Entry{w, static_cast<uint32_t>(qi), s, kind});
            }
            if (closed) break;
          }
        }
        level_begin = level_end;
      }
    }
  }
  return result;
}

}  // namespace isocheck
