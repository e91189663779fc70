// Which consistency models a check uses: --model names (several allowed,
// comma-separated or repeated), else the models PostgreSQL claims for
// --isolation, else for the level recorded in the history's header, else
// strict-serializable.
#pragma once

#include <string>
#include <vector>

#include "checker/history/history.h"

namespace isocheck::cli {

struct ModelChoice {
  std::vector<std::string> models;  // as given on the command line
  std::string isolation;            // PostgreSQL level name, may be empty
};

// Throws std::invalid_argument naming the unknown model or level.
std::vector<std::string> resolve_models(const ModelChoice& choice, const HistoryHeader& header);

}  // namespace isocheck::cli
