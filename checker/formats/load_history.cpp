#include "checker/formats/load_history.h"

#include <fmt/format.h>

#include "checker/formats/edn_history_reader.h"
#include "checker/formats/jsonl_history_reader.h"
#include "checker/formats/protobuf_history_reader.h"
#include "checker/formats/settle_read_kinds.h"

namespace isocheck {

LoadedHistory load_history(const std::string& path, const LoadOptions& options) {
  LoadedHistory out;
  out.format = options.format ? *options.format : detect_format(path);
  switch (out.format) {
    case HistoryFormat::kProtobuf:
      out.history =
          read_protobuf_history(path, out.warnings, options.salvage ? &out.salvaged : nullptr);
      break;
    case HistoryFormat::kJsonLines:
      out.history = read_jsonl_history(path, out.warnings);
      break;
    case HistoryFormat::kEdn:
      out.history = read_edn_history(path, out.warnings);
      break;
  }
  settle_read_kinds(out.history, options.workload_override, path);
  if (options.ignore_time) {
    forget_times(out.history);
  } else if (const TimeRecord& t = out.history.times; t.regressions > 0) {
    out.warnings.push_back(fmt::format(
        "{}: time goes backwards at {} event(s), first at index {}; real-time order follows the "
        "event indices, and times are not quoted as evidence (--no-time ignores them)",
        path, t.regressions, t.first_regression_index));
  }
  const HistoryHeader& header = out.history.header;
  // A recorded bank run always has accounts; without them the total is unknown, not 0.
  if (header.workload == Workload::kBank && header.bank_accounts <= 0)
    throw LoadError(path, "header", "bank_total",
                    fmt::format("missing: a bank history needs its accounts and total, and this "
                                "{} file does not record them (convert the runner's protobuf "
                                "history with this isocheck: it keeps them in every format)",
                                format_name(out.format)));
  return out;
}

void forget_times(History& h) {
  for (Txn& t : h.txns) {
    t.invoke_ns = 0;
    if (t.completed()) t.complete_ns = 0;
  }
  for (Fault& f : h.faults) f.time_ns = 0;
  h.times.ignored = true;
}

}  // namespace isocheck
