// Load interruption: lets the program that owns the signals stop a history
// load in progress (Ctrl-C or SIGTERM on `isocheck check` of a 2 GB file).
//
// The checker library installs no signal handler of its own: the CLI hands
// it a probe (runner::stop_requested) and the loaders ask it between reads
// of the file (FileChunkReader, at most one chunk apart, a few milliseconds),
// throwing LoadInterrupted once it says true. Without a probe a load is
// never interrupted. The probe must be safe to call from any thread.
#pragma once

#include <stdexcept>
#include <string_view>

namespace isocheck {

using LoadInterruptProbe = bool (*)();

// nullptr removes the probe.
void set_load_interrupt_probe(LoadInterruptProbe probe);

// Thrown by a loader when the probe said stop; what() is one line naming
// the file. Not a LoadError: the input may be fine.
class LoadInterrupted : public std::runtime_error {
 public:
  explicit LoadInterrupted(std::string_view file);
};

// Throws LoadInterrupted naming `file` when the probe says stop.
void throw_if_load_interrupted(std::string_view file);

}  // namespace isocheck
