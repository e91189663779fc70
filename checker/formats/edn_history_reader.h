// read_edn_history: loads a Jepsen history.edn — one op map per line, as
// Jepsen writes it — into a History.
//
//   {:type :invoke, :f :txn, :value [[:append 9 1] [:r 8 nil]], :time 3291485317, :process 0,
//   :index 0}
//   {:type :ok, :f :txn, :value [[:append 9 1] [:r 8 [1 2 4]]], :time 3291998002, :process 0,
//   :index 1}
//
// Contract (see EdnOpParser for the op map itself):
//  - ops whose :process is a keyword (:nemesis) are skipped; client ops
//    must have :type, an integer :process, :f :txn (or no :f) and a :value
//    of micro-ops;
//  - a missing :index is the op's ordinal among all ops of the file; a
//    missing :time is the previous op's time;
//  - :error becomes the transaction's error: [:sqlstate "40001" "message"]
//    (what write_history writes) sets both fields, a string sets the
//    message, and any other form is kept as its text in the message;
//  - :final-read? true marks the reads taken after the run;
//  - read results: a list is a list read, an integer a register read; nil
//    is a nil read in an :ok completion, an unknown result in an invocation
//    and in :fail / :info completions (Jepsen copies the invocation's value
//    into those). Nil reads stay register reads here; load_history settles
//    them once the workload is known;
//  - the first op may be isocheck's header op (edn_header.h), which carries
//    the workload, isolation level, bank total and the rest of the header;
//  - one op may be at most kMaxEdnFormBytes (64 MiB) long; nesting depth is
//    unbounded in memory only: the scanner skips forms with an explicit
//    stack of brackets, never by recursion;
//  - malformed text, a field of the wrong type, and a file cut inside an op
//    throw LoadError naming the line and the field.
// The file is streamed in large chunks with a hand-written scanner, so a
// 2.6 GB history needs memory only for its History.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "checker/history/history.h"

namespace isocheck {

inline constexpr size_t kMaxEdnFormBytes = size_t{64} << 20;

History read_edn_history(const std::string& path, std::vector<std::string>& warnings);

}  // namespace isocheck
