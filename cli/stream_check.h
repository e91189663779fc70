// `isocheck check --stream FILE`: a protobuf history recorded in epochs
// (`isocheck run --epoch`) checked epoch by epoch, in the memory of its
// largest epoch plus a compact summary per epoch (checker/stream/). The
// verdict is the union of the epochs' verdicts and of the check of the
// final reads after the run: what a whole-file `check` says (see
// epoch_stream_checker.h for why, and where they can differ).
//
// A file without epoch marks, or in a text format, is refused with one line
// and kExitBadInput.
#pragma once

#include "cli/check_options.h"

namespace isocheck::cli {

int check_stream(const CheckCommandOptions& o, bool json);

}  // namespace isocheck::cli
