// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file plan/plan_text.hpp
/// The plan as readable text for the terminal, with the explanations. The JSON form is
/// plan/plan_json.hpp; the documents (HTML, Markdown, PDF) are built from the report model:
/// report/report_model.hpp.

#include <string>

#include "irisize/plan/deployment_plan.hpp"
#include "irisize/plan/plan.hpp"

namespace irisize {

/// A readable summary: servers, volumes, cost, growth, warnings, assumptions, explanations.
std::string render_text(const Plan& plan);
/// A deployment: totals per system, the shared tier, then each system's plan as above.
std::string render_text(const DeploymentPlan& plan);

} // namespace irisize
