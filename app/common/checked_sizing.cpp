// SPDX-License-Identifier: GPL-3.0-or-later
// size_checked(): size() and then check_plan(), the one way every front end sizes.
#include "checked_sizing.hpp"

#include "irisize/plan/plan_check.hpp"

#include <utility>

namespace irisize::app {

Result<Plan> size_checked(const Workload& workload, const Catalog& catalog, const SizeOptions& options) {
    auto plan = size(workload, catalog, options);
    if (!plan)
        return plan;
    if (const auto problems = check_plan(*plan, workload, catalog); !problems.empty()) {
        std::string message = "internal error: the plan failed its independent check (please report): ";
        for (std::size_t i = 0; i < problems.size(); ++i)
            message += (i ? "; " : "") + problems[i];
        return Error{"", std::move(message)};
    }
    return plan;
}

Result<DeploymentPlan> size_checked(const Deployment& deployment, const Catalog& catalog, const SizeOptions& options) {
    auto plan = size(deployment, catalog, options);
    if (!plan)
        return plan;
    if (const auto problems = check_deployment(*plan, deployment, catalog); !problems.empty()) {
        std::string message = "internal error: the plan failed its independent check (please report): ";
        for (std::size_t i = 0; i < problems.size(); ++i)
            message += (i ? "; " : "") + problems[i];
        return Error{"", std::move(message)};
    }
    return plan;
}

} // namespace irisize::app
