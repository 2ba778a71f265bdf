// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file report.hpp
/// Plan writers: JSON (the machine interface, documented in docs/plan-json.md), a readable
/// text summary with the explanations, and Markdown.

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "irisize/plan.hpp"

namespace irisize {

/// The plan as a schema-1 JSON document.
nlohmann::json to_json(const Plan& plan);
/// A readable summary: servers, volumes, cost, growth, warnings, assumptions, explanations.
std::string render_text(const Plan& plan);
/// The same content as Markdown.
std::string render_markdown(const Plan& plan);

} // namespace irisize
