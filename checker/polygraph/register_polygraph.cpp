#include "checker/polygraph/register_polygraph.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "checker/infer/rw_register_versions.h"
#include "checker/infer/witness_text.h"

namespace isocheck {
namespace {

constexpr uint32_t kNone = RegisterVersions::kNone;
// Labels: a known edge carries its EdgeKind; an edge of a constraint's
// option carries kChosen | constraint << 2 | option << 1 | is_rw.
constexpr uint32_t kChosen = 1u << 31;

struct WritePair {
  uint32_t first, second;  // write ids; option 0 puts `first` before `second`
};

class RegisterPolygraph {
 public:
  RegisterPolygraph(const History& h, RegisterOrderRules rules, const EdgeExplainer& data,
                    const OrderExplainer& order)
      : h_(h), v_(h), rules_(rules), data_(data), order_(order) {}

  RegisterDecision decide(const std::vector<Edge>& known, const RegisterDecisionLimits& limits) {
    index_writes();
    RegisterDecision d;
    d.pairs = count_pairs(limits.max_pairs);
    if (d.pairs > limits.max_pairs) {
      d.unknown_reason = fmt::format(
          "{} pairs of writes have no known order, more than the {} the search takes on", d.pairs,
          limits.max_pairs);
      return d;
    }
    std::vector<PolygraphConstraint> constraints = build_constraints();
    std::vector<LabelledEdge> edges;
    edges.reserve(known.size() * (rules_.snapshot ? 2 : 1));
    for (const Edge& e : known)
      add_edge(edges, e.from, e.to, e.kind, static_cast<uint32_t>(e.kind));
    const uint32_t nodes = static_cast<uint32_t>(h_.txns.size()) * (rules_.snapshot ? 2 : 1);
    try {
      result_ =
          solve_polygraph(nodes, edges, std::move(constraints), limits.search, likely_order(nodes));
    } catch (const std::invalid_argument&) {
      d.unknown_reason = "the known dependencies close a cycle the cycle search left unreported";
      return d;
    }
    d.outcome = result_.outcome;
    d.stats = result_.stats;
    if (d.outcome == PolygraphOutcome::kUnknown)
      d.unknown_reason =
          fmt::format("the search over {} undecided write orders passed its budget of {} attempts",
                      d.stats.constraints - d.stats.forced, limits.search.max_steps);
    if (d.outcome == PolygraphOutcome::kCyclic) describe_cycle(d);
    if (d.outcome == PolygraphOutcome::kAcyclic) list_orders(d);
    return d;
  }

 private:
  uint32_t node(uint32_t txn, bool after_rw = false) const {
    return rules_.snapshot ? txn * 2 + (after_rw ? 1 : 0) : txn;
  }
  uint32_t txn_of(uint32_t node) const { return rules_.snapshot ? node / 2 : node; }

  // The graph starts in the order the answer most likely has, so that more
  // write pairs are free and fewer edges go backwards: PostgreSQL orders
  // versions by commit, so transactions go by completion (a transaction's
  // "after rw" copy right behind it), never-completed ones last. Placing
  // the first copy at the transaction's start instead, which suits snapshot
  // isolation's rw edges in theory, measured slower (3.4 s against 1.9 s on
  // a 20k-transaction repeatable-read run).
  std::vector<uint64_t> likely_order(uint32_t nodes) const {
    std::vector<uint64_t> rank(nodes);
    for (uint32_t n = 0; n < nodes; ++n) {
      const Txn& t = h_.txns[txn_of(n)];
      const uint64_t at = t.completed() ? t.complete_index : UINT64_MAX / 4;
      rank[n] = at * 2 + (rules_.snapshot ? n % 2 : 0);
    }
    return rank;
  }

  // One dependency as graph edges: for snapshot isolation an rw edge leads
  // to the target's "after rw" copy, from which only other kinds leave.
  void add_edge(std::vector<LabelledEdge>& out, uint32_t from, uint32_t to, EdgeKind kind,
                uint32_t label) const {
    if (!rules_.snapshot) {
      out.push_back({from, to, label});
    } else if (kind == EdgeKind::kRw) {
      out.push_back({node(from), node(to, true), label});
    } else {
      out.push_back({node(from), node(to), label});
      out.push_back({node(from, true), node(to), label});
    }
  }

  // Which writes are versions, who read each, and the known version forest.
  void index_writes() {
    const auto& writes = v_.writes();
    const uint32_t n = static_cast<uint32_t>(writes.size());
    std::vector<uint32_t> read_count(n, 0);
    for (const ExternalRead& r : v_.external_reads())
      if (r.node < n && writes[r.node].txn != r.txn) ++read_count[r.node];
    reader_begin_.assign(n + 1, 0);
    for (uint32_t w = 0; w < n; ++w) reader_begin_[w + 1] = reader_begin_[w] + read_count[w];
    readers_.resize(reader_begin_[n]);
    std::vector<uint32_t> next(reader_begin_.begin(), reader_begin_.end() - 1);
    for (const ExternalRead& r : v_.external_reads())
      if (r.node < n && writes[r.node].txn != r.txn && !ambiguous(r.node))
        readers_[next[r.node]++] = r.txn;
    for (uint32_t w = 0; w < n; ++w) reader_end_.push_back(next[w]);

    // Euler tour of the forest of known predecessors: a is before b exactly
    // when a is an ancestor of b. Writes on a cycle of predecessors are
    // never reached and take part in nothing.
    std::vector<uint32_t> child_begin(n + 1, 0), children;
    auto parent = [&](uint32_t w) {
      uint32_t p = v_.parent(w);
      return p == kNone || v_.is_nil_node(p) ? kNone : p;
    };
    for (uint32_t w = 0; w < n; ++w)
      if (parent(w) != kNone) ++child_begin[parent(w) + 1];
    for (uint32_t w = 0; w < n; ++w) child_begin[w + 1] += child_begin[w];
    children.resize(child_begin[n]);
    next.assign(child_begin.begin(), child_begin.end() - 1);
    for (uint32_t w = 0; w < n; ++w)
      if (parent(w) != kNone) children[next[parent(w)]++] = w;
    enter_.assign(n, kNone);
    leave_.assign(n, kNone);
    uint32_t clock = 0;
    std::vector<std::pair<uint32_t, uint32_t>> stack;  // write, next child
    for (uint32_t root = 0; root < n; ++root) {
      if (parent(root) != kNone) continue;
      enter_[root] = clock++;
      stack.emplace_back(root, child_begin[root]);
      while (!stack.empty()) {
        auto& [w, c] = stack.back();
        if (c < child_begin[w + 1]) {
          const uint32_t child = children[c++];
          enter_[child] = clock++;
          stack.emplace_back(child, child_begin[child]);
        } else {
          leave_[w] = clock++;
          stack.pop_back();
        }
      }
    }

    key_begin_.assign(v_.key_count() + 1, 0);
    for (uint32_t w = 0; w < n; ++w)
      if (is_version(w, read_count[w])) ++key_begin_[writes[w].key_index + 1];
    for (size_t k = 0; k < v_.key_count(); ++k) key_begin_[k + 1] += key_begin_[k];
    versions_.resize(key_begin_.back());
    next.assign(key_begin_.begin(), key_begin_.end() - 1);
    for (uint32_t w = 0; w < n; ++w)
      if (is_version(w, read_count[w])) versions_[next[writes[w].key_index]++] = w;
  }

  bool ambiguous(uint32_t w) const { return v_.writes()[w].repeated; }

  bool is_version(uint32_t w, uint32_t read_count) const {
    const WriteRecord& rec = v_.writes()[w];
    const TxnStatus s = h_.txns[rec.txn].status;
    return rec.final_in_txn && enter_[w] != kNone &&
           (s == TxnStatus::kOk || (s == TxnStatus::kInfo && read_count > 0));
  }

  bool ordered(uint32_t a, uint32_t b) const {
    auto ancestor = [&](uint32_t x, uint32_t y) {
      return enter_[x] <= enter_[y] && leave_[y] <= leave_[x];
    };
    return ancestor(a, b) || ancestor(b, a);
  }

  template <typename Visit>
  void for_each_pair(Visit&& visit) const {
    for (size_t k = 0; k < v_.key_count(); ++k)
      for (uint64_t i = key_begin_[k]; i < key_begin_[k + 1]; ++i)
        for (uint64_t j = i + 1; j < key_begin_[k + 1]; ++j)
          if (!ordered(versions_[i], versions_[j])) visit(versions_[i], versions_[j]);
  }

  // Exact up to `limit`; past it, the upper bound (counting would cost as
  // much as building).
  uint64_t count_pairs(uint64_t limit) const {
    uint64_t upper = 0;
    for (size_t k = 0; k < v_.key_count(); ++k) {
      const uint64_t c = key_begin_[k + 1] - key_begin_[k];
      upper += c * (c - 1) / 2;
    }
    if (upper > 2 * limit) return upper;
    uint64_t n = 0;
    for_each_pair([&](uint32_t, uint32_t) { ++n; });
    return n;
  }

  std::vector<PolygraphConstraint> build_constraints() {
    std::vector<PolygraphConstraint> out;
    for_each_pair([&](uint32_t a, uint32_t b) {
      const uint32_t c = static_cast<uint32_t>(out.size());
      pairs_.push_back({a, b});
      PolygraphConstraint& con = out.emplace_back();
      before(con.options[0], a, b, c, 0);
      before(con.options[1], b, a, c, 1);
    });
    return out;
  }

  // The edges of "write a before write b".
  void before(std::vector<LabelledEdge>& out, uint32_t a, uint32_t b, uint32_t c,
              int option) const {
    const uint32_t wa = v_.writes()[a].txn, wb = v_.writes()[b].txn;
    const uint32_t base = kChosen | c << 2 | static_cast<uint32_t>(option) << 1;
    add_edge(out, wa, wb, EdgeKind::kWw, base);
    for (uint32_t r = reader_begin_[a]; r < reader_end_[a]; ++r)
      if (readers_[r] != wb) add_edge(out, readers_[r], wb, EdgeKind::kRw, base | 1);
  }

  // ---- explaining a cycle ----

  std::string write_text(uint32_t w) const {
    const WriteRecord& rec = v_.writes()[w];
    return fmt::format("{}'s write of {} to key {}", txn_name(rec.txn), rec.value,
                       v_.key(rec.key_index));
  }

  std::string path_text(const std::vector<LabelledEdge>& path) const {
    std::string s;
    for (const LabelledEdge& e : path)
      s += fmt::format("{} -{}-> ", txn_name(txn_of(e.from)), edge_kind_name(kind_of(e.label)));
    if (!path.empty()) s += txn_name(txn_of(path.back().to));
    return s;
  }

  EdgeKind kind_of(uint32_t label) const {
    if ((label & kChosen) == 0) return static_cast<EdgeKind>(label);
    return (label & 1) ? EdgeKind::kRw : EdgeKind::kWw;
  }

  // Why constraint c's option holds; with `depth` left, also why each
  // chosen edge on the cycle its opposite would close holds.
  std::string why_chosen(uint32_t c, int option, int depth = 1) const {
    for (const ForcedChoice& f : result_.forced) {
      if (f.constraint != c || f.taken != option) continue;
      const WritePair& p = pairs_[c];
      const uint32_t later = option == 0 ? p.first : p.second;
      const uint32_t earlier = option == 0 ? p.second : p.first;
      std::vector<LabelledEdge> cycle{f.refuted_edge};
      cycle.insert(cycle.end(), f.closing_path.begin(), f.closing_path.end());
      std::string text = fmt::format("the opposite order ({} before {}) would close the cycle {}",
                                     write_text(later), write_text(earlier), path_text(cycle));
      for (const LabelledEdge& e : f.closing_path) {
        if (depth == 0 || (e.label & kChosen) == 0) continue;
        const uint32_t other = (e.label & ~kChosen) >> 2;
        const int other_option = static_cast<int>((e.label >> 1) & 1);
        text += fmt::format(" [{} -{}-> {}: {}]", txn_name(txn_of(e.from)),
                            edge_kind_name(kind_of(e.label)), txn_name(txn_of(e.to)),
                            why_chosen(other, other_option, depth - 1));
      }
      return text;
    }
    return "an order the search tried: every order of the writes left undecided closes a cycle";
  }

  std::string explain_step(const LabelledEdge& e) const {
    const uint32_t from = txn_of(e.from), to = txn_of(e.to);
    const EdgeKind kind = kind_of(e.label);
    if ((e.label & kChosen) == 0)
      return kind == EdgeKind::kProcess || kind == EdgeKind::kRealtime
                 ? order_.explain(from, to, kind)
                 : data_.explain(from, to, kind);
    const uint32_t c = (e.label & ~kChosen) >> 2;
    const int option = static_cast<int>((e.label >> 1) & 1);
    const WritePair& p = pairs_[c];
    const uint32_t first = option == 0 ? p.first : p.second;
    const uint32_t second = option == 0 ? p.second : p.first;
    const std::string order = fmt::format("{} must follow {}, because {}", write_text(second),
                                          write_text(first), why_chosen(c, option));
    if (kind == EdgeKind::kWw) return fmt::format("{} (ww)", order);
    return fmt::format("{} read key {} = {} ({}); {} (rw)", txn_name(from),
                       v_.key(v_.writes()[first].key_index), v_.writes()[first].value,
                       write_text(first), order);
  }

  void describe_cycle(RegisterDecision& d) const {
    for (const LabelledEdge& e : result_.cycle) {
      const CycleStep step{txn_of(e.from), txn_of(e.to), kind_of(e.label)};
      d.cycle.push_back(step);
      d.steps.push_back(explain_step(e));
      if (std::find(d.txns.begin(), d.txns.end(), step.from) == d.txns.end())
        d.txns.push_back(step.from);
    }
    d.conclusion = result_.cycle_after_search
                       ? fmt::format(
                             "every order of the {} writes left undecided closes a cycle "
                             "(searched {}); one of them",
                             d.stats.constraints - d.stats.forced, d.stats.backtracks)
                       : std::string(
                             "a cycle under the write orders forced below, each because its "
                             "opposite closes a cycle");
  }

  void list_orders(RegisterDecision& d) const {
    for (size_t k = 0; k < v_.key_count(); ++k) {
      if (key_begin_[k] == key_begin_[k + 1]) continue;
      std::vector<uint32_t> ws(versions_.begin() + static_cast<ptrdiff_t>(key_begin_[k]),
                               versions_.begin() + static_cast<ptrdiff_t>(key_begin_[k + 1]));
      std::sort(ws.begin(), ws.end(), [&](uint32_t a, uint32_t b) {
        return result_.positions[node(v_.writes()[a].txn)] <
               result_.positions[node(v_.writes()[b].txn)];
      });
      KeyVersionOrder o{v_.key(static_cast<uint32_t>(k)), {"nil"}};
      for (uint32_t w : ws) o.versions.push_back(std::to_string(v_.writes()[w].value));
      d.orders.push_back(std::move(o));
    }
  }

  const History& h_;
  RegisterVersions v_;
  RegisterOrderRules rules_;
  const EdgeExplainer& data_;
  const OrderExplainer& order_;
  std::vector<uint32_t> reader_begin_, reader_end_, readers_;
  std::vector<uint32_t> enter_, leave_;
  std::vector<uint64_t> key_begin_;
  std::vector<uint32_t> versions_;
  std::vector<WritePair> pairs_;
  PolygraphResult result_;
};

}  // namespace

RegisterDecision decide_register_orders(const History& history, const std::vector<Edge>& known,
                                        RegisterOrderRules rules,
                                        const RegisterDecisionLimits& limits,
                                        const EdgeExplainer& data, const OrderExplainer& order) {
  return RegisterPolygraph(history, rules, data, order).decide(known, limits);
}

}  // namespace isocheck
