// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file plan/plan_json.hpp
/// Plan writers: JSON (the machine interface, documented in docs/plan-json.md) and a readable
/// text summary with the explanations. The documents (HTML, Markdown, PDF) are built from the
/// report model: report/report_model.hpp.

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "irisize/plan/plan.hpp"

namespace irisize {

/// The plan as a schema-1 JSON document.
nlohmann::json to_json(const Plan& plan);
/// A readable summary: servers, volumes, cost, growth, warnings, assumptions, explanations.
std::string render_text(const Plan& plan);

} // namespace irisize
