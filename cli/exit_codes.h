// Exit codes of every isocheck subcommand, in one place so scripts and CI
// can rely on them.
#pragma once

namespace isocheck::cli {

inline constexpr int kExitValid = 0;     // the claim / model holds
inline constexpr int kExitInvalid = 1;   // anomalies found, a claim violated
inline constexpr int kExitBadInput = 2;  // bad input or usage, or the job could not run
// A search was cut short, only a salvaged prefix of the history was checked,
// or a run tested nothing (no transaction ran, or none committed); nothing
// forbidden was found.
inline constexpr int kExitUnknown = 3;
// check, explain, convert: SIGINT or SIGTERM arrived while the history was
// loading (128 + SIGINT, as a shell reports an interrupted command).
inline constexpr int kExitInterrupted = 130;

}  // namespace isocheck::cli
