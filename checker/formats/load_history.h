// load_history: reads a history file in any supported format into a
// History the checker can use. The one entry point for the CLI and tests.
//
// Contract: the format is `options.format` when set, else detect_format().
// The reader for that format pairs events into transactions (through
// HistoryBuilder), then settle_read_kinds() fixes the workload
// (`options.workload_override`, else what the micro-ops show, else the
// header) and turns ambiguous nil reads into list or register reads.
// Recoverable damage (a protobuf file cut inside its last record) loads what
// is whole and adds a one-line warning; so do times that go backwards
// (real-time order follows event indices). Corruption before the end of a
// protobuf file is an error unless `options.salvage`, which loads the whole
// records before it and says so in `salvaged` and a warning: a verdict on a
// salvaged prefix must never read as a plain pass (the CLI makes a valid
// one "unknown"). A bank history whose header does not record its accounts
// and total (a Jepsen EDN file, JSON lines without a header line) is
// refused: its wrong-total check would have nothing to compare with.
// Everything else that is wrong throws LoadError (see load_error.h); a load
// stopped by the interrupt probe throws LoadInterrupted
// (load_interrupt.h); nothing crashes, hangs or loads half a file silently.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checker/formats/history_format.h"
#include "checker/formats/load_error.h"
#include "checker/formats/load_interrupt.h"
#include "checker/formats/protobuf_history_reader.h"
#include "checker/history/history.h"

namespace isocheck {

struct LoadOptions {
  Workload workload_override = Workload::kUnknown;
  std::optional<HistoryFormat> format;  // nullopt: detect
  // Zero every recorded time (History::times.ignored): for histories whose
  // clocks cannot be trusted at all. Real-time order still follows indices.
  bool ignore_time = false;
  bool salvage = false;  // protobuf only; see above
};

struct LoadedHistory {
  History history;
  HistoryFormat format = HistoryFormat::kProtobuf;
  std::vector<std::string> warnings;       // one line each, naming the file
  std::optional<SalvagedPrefix> salvaged;  // set when salvage dropped a corrupt tail
};

LoadedHistory load_history(const std::string& path, const LoadOptions& options = {});

// Sets every transaction and fault time to 0 and marks the history's times
// ignored.
void forget_times(History& h);

}  // namespace isocheck
