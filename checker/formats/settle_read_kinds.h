// settle_read_kinds: decides a loaded history's workload and makes its
// reads agree with it.
//
// Text formats cannot tell a nil list read from a nil register read, so
// loaders record every read whose result is nil or unknown as a register
// read. Once the whole history is in, the workload is settled: `override`
// when given, else what the micro-ops show unambiguously (any adjust: bank;
// any append or list result: list-append; any write or register value:
// rw-register), else the header's workload. Then:
//  - list-append: register reads become list reads (a nil result is the
//    empty list); a write or a register read with a value is an error;
//  - rw-register and bank: an append or a list read is an error.
// The settled workload is stored in history.header.workload and returned.
// Errors throw LoadError naming `file` and the event ("index N").
#pragma once

#include <string_view>

#include "checker/history/history.h"

namespace isocheck {

Workload settle_read_kinds(History& history, Workload override, std::string_view file);

}  // namespace isocheck
