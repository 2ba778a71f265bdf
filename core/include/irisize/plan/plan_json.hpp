// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file plan/plan_json.hpp
/// The plan as JSON, the machine interface (documented in docs/plan-json.md). The readable
/// text summary is plan/plan_text.hpp; the documents (HTML, Markdown, PDF) are built from the
/// report model: report/report_model.hpp.

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "irisize/plan/deployment_plan.hpp"
#include "irisize/plan/plan.hpp"

namespace irisize {

/// The plan as a schema-1 JSON document.
nlohmann::json to_json(const Plan& plan);
/// A deployment plan (`"kind": "deployment"`, docs/plan-json.md): totals per system, then
/// each system's plan as to_json(Plan) writes it, then the shared tiers' members and cost.
nlohmann::json to_json(const DeploymentPlan& plan);

} // namespace irisize
