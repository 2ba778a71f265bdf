// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file plan/deployment_plan.hpp
/// The answer for a deployment: each system's plan as it would be sized alone, the plan of
/// the parts the systems share (the web gateway tier), and the totals. A plain value, like
/// Plan; `combined()` is the whole deployment as one plan (every member and cost line,
/// tagged with its system), which the Terraform and ICM writers and the architecture
/// figure draw.

#include <string>
#include <vector>

#include "irisize/plan/plan.hpp"

namespace irisize {

struct DeploymentPlan {
    int schema = 1;
    std::string name;
    std::string description;
    std::string region;
    std::string dr_region;
    std::string rules;
    std::string rules_as_of;
    units::duration month;
    int horizon_years = 0; ///< the longest of the systems'
    std::vector<Plan> systems; ///< in the deployment's order, each named after its system
    /// The shared tiers: members and cost lines only (no database), `name` "shared". Empty
    /// members when the deployment shares no tier.
    Plan shared;
    units::cost_rate total;            ///< the systems' totals and the shared parts' together
    std::vector<std::string> warnings; ///< about the deployment as a whole (the systems' are in their plans)
    std::vector<std::string> assumptions;

    [[nodiscard]] bool has_shared() const { return !shared.members.empty(); }
    [[nodiscard]] double monthly_usd() const { return units::usd_per_month(total, month); }
    [[nodiscard]] bool price_estimates() const;
    /// Every member and cost line of the systems and the shared parts in one plan, each tagged
    /// with its system; the warnings and assumptions of all of them, each prefixed with its
    /// system's name; the sources of all of them, each once.
    [[nodiscard]] Plan combined() const;
};

} // namespace irisize
