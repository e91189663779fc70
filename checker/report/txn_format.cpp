#include "checker/report/txn_format.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <vector>

#include "checker/infer/witness_text.h"

namespace isocheck {

const char* txn_status_name(TxnStatus s) {
  switch (s) {
    case TxnStatus::kOk:
      return "ok";
    case TxnStatus::kFail:
      return "fail";
    case TxnStatus::kInfo:
      return "info";
  }
  return "?";
}

namespace {

// "[7=12/g3 9=40/g3]": key=value/group; as witness_text's lists, more than
// 12 rows print as the first and last five and the count.
std::string rows_text(const History& h, const Mop& m) {
  if (!m.has_result) return "?";
  auto all = h.rows_of(m);
  auto text = [](std::span<const Row> rows) {
    std::vector<std::string> out;
    for (const Row& r : rows) out.push_back(fmt::format("{}={}/g{}", r.key, r.value, r.group));
    return fmt::format("{}", fmt::join(out, " "));
  };
  if (all.size() <= 12) return "[" + text(all) + "]";
  return fmt::format("[{} … {}] ({} rows)", text(all.first(5)), text(all.last(5)), all.size());
}

}  // namespace

std::string format_mop(const History& h, const Mop& m) {
  switch (m.kind) {
    case MopKind::kPredicateRead: {
      const RowMop& r = h.row_mop_of(m);
      if (r.aggregate != Aggregate::kRows)
        return fmt::format("read {} -> {}", aggregate_text(r.aggregate, r.predicate),
                           m.has_result ? std::to_string(m.value) : "?");
      return fmt::format("read {} -> {}", predicate_text(r.predicate), rows_text(h, m));
    }
    case MopKind::kReadRow:
      return fmt::format("read row {} -> {}", m.key, rows_text(h, m));
    case MopKind::kInsert:
      return fmt::format("insert {}={}/g{}", m.key, m.value, h.row_mop_of(m).group);
    case MopKind::kUpdate:
      return fmt::format("update {}={}/g{} over {}", m.key, m.value, h.row_mop_of(m).group,
                         rows_text(h, m));
    case MopKind::kDelete:
      return fmt::format("delete {} -> {}", m.key, rows_text(h, m));
    case MopKind::kAppend:
      return fmt::format("append {} {}", m.key, m.value);
    case MopKind::kWrite:
      return fmt::format("write {} {}", m.key, m.value);
    case MopKind::kAdjust:
      return fmt::format("adjust {} {:+}", m.key, m.value);
    case MopKind::kReadList:
      if (!m.has_result) return fmt::format("read {} -> ?", m.key);
      return fmt::format("read {} -> {}", m.key, format_list(h.list_of(m)));
    case MopKind::kReadRegister:
      if (!m.has_result) return fmt::format("read {} -> ?", m.key);
      if (m.is_nil) return fmt::format("read {} -> nil", m.key);
      return fmt::format("read {} -> {}", m.key, m.value);
  }
  return "?";
}

std::string format_mops(const History& h, const Txn& t) {
  // A final read touches every key of the run: written out whole it would
  // bury the witness it belongs to (one line of 500 KB was seen). The steps
  // of a witness quote every micro-op they rely on, so the rest is context.
  constexpr size_t kShownMops = 10;
  auto mops = h.mops_of(t);
  std::string out;
  for (size_t i = 0; i < mops.size() && i < kShownMops; ++i) {
    if (!out.empty()) out += "; ";
    out += format_mop(h, mops[i]);
  }
  if (mops.size() > kShownMops) out += fmt::format("; … ({} micro-ops in all)", mops.size());
  return out;
}

std::string format_txn(const History& h, uint32_t id) {
  const Txn& t = h.txns[id];
  std::string events = t.completed()
                           ? fmt::format("events {}..{}", t.invoke_index, t.complete_index)
                           : fmt::format("event {}, never completed", t.invoke_index);
  std::string error;
  if (t.error != 0) {
    const TxnError& e = h.error_of(t);
    error = fmt::format(" [{}{}{}]", e.sqlstate, e.sqlstate.empty() ? "" : " ", e.message);
  }
  return fmt::format("T{} (process {}, {}, {}{}): {}", id, t.process, txn_status_name(t.status),
                     events, error, format_mops(h, t));
}

}  // namespace isocheck
