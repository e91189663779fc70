// decide_version_orders: the step of check_history that makes a VALID on an
// rw-register history complete. After the cycle search over the known
// dependencies found nothing a model forbids, it asks whether ANY version
// order keeps the model's cycles away (see
// checker/polygraph/register_polygraph.h), for each requested model among
// snapshot isolation, serializability, their strong-session variants and
// strict serializability. The strongest is searched first; when it holds,
// the models it implies hold with the same orders and are not searched.
// Otherwise the others go weakest first.
//
// A model no order satisfies gets one anomaly of the kind that rules it out
// and every stronger model (G-nonadjacent-item for snapshot isolation,
// G2-item for serializability, their -process / -realtime variants), whose
// witness is a cycle under the orders forced so far. A search past its
// budget adds an unknown reason instead. A model already violated by what was
// found is not searched.
#pragma once

#include <vector>

#include "checker/anomaly/anomaly_kind.h"
#include "checker/check/check_history.h"
#include "checker/check/order_explainer.h"
#include "checker/graph/edge.h"
#include "checker/infer/inference.h"

namespace isocheck {

// Whether any of `models` (canonical names) needs the decision.
bool needs_version_order_decision(const std::vector<std::string>& models);

// Updates result.counts, witnesses, unknown_reasons, order_searches and
// version_orders, and `found`. `data_edges` are the inference's edges.
void decide_version_orders(const History& history, const std::vector<Edge>& data_edges,
                           const EdgeExplainer& data, const OrderExplainer& order,
                           const CheckOptions& options, AnomalySet& found, CheckResult& result);

}  // namespace isocheck
