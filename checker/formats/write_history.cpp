#include "checker/formats/write_history.h"

#include "checker/formats/edn_history_writer.h"
#include "checker/formats/jsonl_history_writer.h"
#include "checker/formats/protobuf_history_writer.h"

namespace isocheck {

void write_history(const History& h, const std::string& path, HistoryFormat format) {
  switch (format) {
    case HistoryFormat::kProtobuf:
      write_protobuf_history(h, path);
      return;
    case HistoryFormat::kJsonLines:
      write_jsonl_history(h, path);
      return;
    case HistoryFormat::kEdn:
      write_edn_history(h, path);
      return;
  }
}

}  // namespace isocheck
