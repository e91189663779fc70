#include "cli/model_selection.h"

#include <fmt/format.h>

#include <stdexcept>

#include "checker/model/consistency_model.h"
#include "checker/model/postgres_claims.h"

namespace isocheck::cli {
namespace {

std::vector<std::string> level_models(const std::string& level_name, const char* where) {
  const PostgresLevel* level = find_postgres_level(level_name);
  if (level == nullptr)
    throw std::invalid_argument(
        fmt::format("{}: unknown isolation level '{}' (read-uncommitted, read-committed, "
                    "repeatable-read, serializable)",
                    where, level_name));
  return {level->models.begin(), level->models.end()};
}

}  // namespace

std::vector<std::string> resolve_models(const ModelChoice& choice, const HistoryHeader& header) {
  if (!choice.models.empty()) {
    std::vector<std::string> out;
    for (const std::string& arg : choice.models) {
      size_t start = 0;
      while (start <= arg.size()) {
        size_t end = arg.find(',', start);
        if (end == std::string::npos) end = arg.size();
        std::string name = arg.substr(start, end - start);
        if (!name.empty()) {
          if (find_model(name) == nullptr) {
            std::string known;
            for (const auto& m : all_models())
              known += (known.empty() ? "" : ", ") + std::string(m.name);
            throw std::invalid_argument(
                fmt::format("--model: unknown model '{}' (known: {})", name, known));
          }
          out.push_back(name);
        }
        start = end + 1;
      }
    }
    return out;
  }
  if (!choice.isolation.empty()) return level_models(choice.isolation, "--isolation");
  if (!header.isolation.empty()) return level_models(header.isolation, "history header isolation");
  return {"strict-serializable"};
}

}  // namespace isocheck::cli
