// ConsistencyModel: the models a history can be checked against, as data.
//
// Each model lists the weaker models it implies and the anomalies it
// forbids directly (consistency_model.cpp holds the table, after Adya and
// Elle's hierarchy). A model forbids its own anomalies, those of every model
// it implies, and every anomaly kind that implies one of those (a G0 cycle
// violates a model that forbids G1c). A history violates a model when it
// shows an anomaly the model forbids.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "checker/anomaly/anomaly_kind.h"

namespace isocheck {

struct ConsistencyModel {
  std::string_view name;                  // canonical, e.g. "snapshot-isolation"
  std::vector<std::string_view> aliases;  // e.g. "PL-SI", "si"
  std::vector<std::string_view> implies;  // weaker models, by canonical name
  std::vector<AnomalyKind> forbids;       // anomalies forbidden directly
  std::string_view description;
};

std::span<const ConsistencyModel> all_models();
// Canonical name or alias -> model; nullopt for unknown names.
const ConsistencyModel* find_model(std::string_view name);
// Names of every model implied by `models` (themselves included).
std::vector<std::string_view> implied_models(std::span<const std::string_view> models);
// Every anomaly kind whose presence violates at least one of `models`.
AnomalySet forbidden_anomalies(std::span<const std::string_view> models);

struct ModelBoundary {
  std::vector<std::string_view> violated;       // weakest models ruled out
  std::vector<std::string_view> also_violated;  // stronger models ruled out too
};
// Which models of the whole table the anomalies `found` rule out.
ModelBoundary models_violated_by(const AnomalySet& found);

}  // namespace isocheck
