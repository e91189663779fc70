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

}  // namespace isocheck
