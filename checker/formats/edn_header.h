// edn_header: isocheck's history header in EDN, so that every fact a verdict
// needs (the workload, the isolation level, the bank's accounts and total,
// the SQL of each statement) survives a conversion to EDN.
//
// Written as the file's first op, a non-client op that Jepsen's tools skip:
//   {:type :info, :process :isocheck, :f :header,
//    :isocheck/header {:magic "isocheck-history", :format-version 2,
//                      :workload "bank", :isolation "serializable",
//                      :bank-accounts 8, :bank-total 800, :seed 7, ...
//                      :settings {"name" "value"}, :statements {"name" "sql"}}}
// The keys are proto::Header's fields in kebab-case, every one optional but
// magic and format-version must be right when present (as in JSON lines);
// unknown keys are skipped so newer files stay readable.
#pragma once

#include <string_view>

#include "checker/formats/edn_scanner.h"
#include "checker/history/history.h"
#include "proto/history.pb.h"

namespace isocheck {

// The op key that carries the header map.
inline constexpr std::string_view kEdnHeaderKey = "isocheck/header";

// Parses the map at the scanner into `out` (magic and format version
// defaulted to this isocheck's); throws what the scanner throws.
void parse_edn_header(EdnScanner& s, proto::Header& out);

// The header op line, newline included.
std::string edn_header_line(const HistoryHeader& h);

}  // namespace isocheck
