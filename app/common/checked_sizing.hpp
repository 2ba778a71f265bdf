// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file checked_sizing.hpp
/// Sizing as every front end does it: size() and then the independent plan check
/// (check_plan). A plan that fails its check is an internal error, never shown, written or
/// priced: the CLI, the batch and the desktop application all size through size_checked.

#include "irisize/data/catalog.hpp"
#include "irisize/plan/plan.hpp"
#include "irisize/result.hpp"
#include "irisize/sizing/deployment_sizing.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/workload/workload.hpp"

namespace irisize::app {

/// The plan of `workload`, checked. Errors are size()'s (naming the field), or one with an
/// empty field whose message starts "internal error: the plan failed its independent check".
Result<Plan> size_checked(const Workload& workload, const Catalog& catalog, const SizeOptions& options = {});
/// The same for a deployment, checked by check_deployment.
Result<DeploymentPlan> size_checked(const Deployment& deployment, const Catalog& catalog,
                                    const SizeOptions& options = {});

} // namespace irisize::app
