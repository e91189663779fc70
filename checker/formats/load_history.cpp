#include "checker/formats/load_history.h"

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
      out.history = read_protobuf_history(path, out.warnings);
      break;
    case HistoryFormat::kJsonLines:
      out.history = read_jsonl_history(path, out.warnings);
      break;
    case HistoryFormat::kEdn:
      out.history = read_edn_history(path, out.warnings);
      break;
  }
  settle_read_kinds(out.history, options.workload_override, path);
  return out;
}

}  // namespace isocheck
