#include "checker/formats/row_mop_text.h"

#include <array>
#include <utility>

#include "checker/formats/elle_vocabulary.h"

namespace isocheck {
namespace {

constexpr std::array<std::pair<std::string_view, PredicateKind>, 3> kPredicateKinds{{
    {"all", PredicateKind::kAll},
    {"group", PredicateKind::kGroup},
    {"key-range", PredicateKind::kKeyRange},
}};

constexpr std::array<std::pair<std::string_view, Aggregate>, 3> kAggregateFunctions{{
    {"rp", Aggregate::kRows},
    {"count", Aggregate::kCount},
    {"sum-keys", Aggregate::kSumKeys},
}};

class Writer {
 public:
  Writer(fmt::memory_buffer& out, TextSyntax syntax)
      : out_(out), json_(syntax == TextSyntax::kJson) {}

  void name(std::string_view n) {
    if (json_) {
      fmt::format_to(std::back_inserter(out_), "\"{}\"", n);
    } else {
      fmt::format_to(std::back_inserter(out_), ":{}", n);
    }
  }
  void sep() { out_.push_back(json_ ? ',' : ' '); }
  void null() { out_.append(json_ ? std::string_view("null") : std::string_view("nil")); }
  void number(int64_t v) { fmt::format_to(std::back_inserter(out_), "{}", v); }
  void open() { out_.push_back('['); }
  void close() { out_.push_back(']'); }

 private:
  fmt::memory_buffer& out_;
  bool json_;
};

}  // namespace

std::optional<Aggregate> parse_aggregate_function(std::string_view name) {
  for (auto [n, a] : kAggregateFunctions)
    if (n == name) return a;
  return std::nullopt;
}

std::string_view aggregate_function_name(Aggregate aggregate) {
  for (auto [n, a] : kAggregateFunctions)
    if (a == aggregate) return n;
  return "?";
}

std::optional<PredicateKind> parse_predicate_kind(std::string_view name) {
  for (auto [n, kind] : kPredicateKinds)
    if (n == name) return kind;
  return std::nullopt;
}

std::string_view predicate_kind_name(PredicateKind kind) {
  for (auto [n, k] : kPredicateKinds)
    if (k == kind) return n;
  return "?";
}

void append_row_mop(fmt::memory_buffer& out, const History& h, const Mop& m, bool with_result,
                    TextSyntax syntax) {
  Writer w(out, syntax);
  const RowMop& r = h.row_mop_of(m);
  w.open();
  w.name(m.kind == MopKind::kPredicateRead ? aggregate_function_name(r.aggregate)
                                           : mop_function_name(m.kind));
  w.sep();
  if (m.kind == MopKind::kPredicateRead) {
    const Predicate& p = r.predicate;
    w.open();
    w.name(predicate_kind_name(p.kind));
    if (p.kind == PredicateKind::kGroup) {
      w.sep();
      w.number(p.group);
      if (p.max_rows > 0) {
        w.sep();
        w.number(p.max_rows);
      }
    } else if (p.kind == PredicateKind::kKeyRange) {
      w.sep();
      w.number(p.key_low);
      w.sep();
      w.number(p.key_high);
    }
    w.close();
  } else {
    w.number(m.key);
  }
  if (m.kind == MopKind::kInsert || m.kind == MopKind::kUpdate) {
    w.sep();
    w.open();
    w.number(m.value);
    w.sep();
    w.number(r.group);
    w.close();
  } else if (m.kind == MopKind::kDelete) {
    w.sep();
    w.null();
  }
  if (m.kind != MopKind::kInsert) {
    w.sep();
    if (!with_result || !m.has_result) {
      w.null();
    } else if (m.kind == MopKind::kPredicateRead && r.aggregate != Aggregate::kRows) {
      w.number(m.value);
    } else {
      w.open();
      bool first = true;
      for (const Row& row : h.rows_of(m)) {
        if (!first) w.sep();
        first = false;
        w.open();
        w.number(row.key);
        w.sep();
        w.number(row.value);
        w.sep();
        w.number(row.group);
        w.close();
      }
      w.close();
    }
  }
  w.close();
}

}  // namespace isocheck
