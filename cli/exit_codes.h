// Exit codes of every isocheck subcommand, in one place so scripts and CI
// can rely on them.
#pragma once

namespace isocheck::cli {

inline constexpr int kExitValid = 0;     // the claim / model holds
inline constexpr int kExitInvalid = 1;   // anomalies found, a claim violated
inline constexpr int kExitBadInput = 2;  // bad input or usage, or the job could not run
// A search was cut short and nothing forbidden was found; or a run tested
// nothing (no transaction ran, or none committed).
inline constexpr int kExitUnknown = 3;

}  // namespace isocheck::cli
