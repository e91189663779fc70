#include "checker/formats/load_interrupt.h"

#include <atomic>
#include <string>

namespace isocheck {
namespace {

std::atomic<LoadInterruptProbe> g_probe{nullptr};

}  // namespace

void set_load_interrupt_probe(LoadInterruptProbe probe) { g_probe.store(probe); }

LoadInterrupted::LoadInterrupted(std::string_view file)
    : std::runtime_error(std::string(file) + ": interrupted while loading") {}

void throw_if_load_interrupted(std::string_view file) {
  LoadInterruptProbe probe = g_probe.load(std::memory_order_relaxed);
  if (probe && probe()) throw LoadInterrupted(file);
}

}  // namespace isocheck
