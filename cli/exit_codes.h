// Exit codes of every isocheck subcommand, in one place so scripts and CI
// can rely on them.
#pragma once

namespace isocheck::cli {

inline constexpr int kExitValid = 0;     // the claim / model holds
inline constexpr int kExitInvalid = 1;   // anomalies found, a claim violated
inline constexpr int kExitBadInput = 2;  // bad input or usage, or the job could not run
inline constexpr int kExitUnknown = 3;   // a search was cut short; nothing forbidden found

}  // namespace isocheck::cli
