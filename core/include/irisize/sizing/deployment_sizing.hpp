// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file sizing/deployment_sizing.hpp
/// Sizing a deployment: every system as size() sizes it alone, then the tiers the systems
/// share. The deployment's cost is the sum of the systems' and the shared parts'.

#include "irisize/plan/deployment_plan.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/workload/deployment.hpp"

namespace irisize {

/// Sizes a deployment. An Error names the system (`systems[2] (Patient Index).database.size_gib`)
/// or the deployment's field (`shared.web_servers`) and the reason.
Result<DeploymentPlan> size(const Deployment& deployment, const Catalog& catalog, const SizeOptions& options = {});

/// The stand-in workload the shared web tier is sized from: the first system's, with no
/// database tiers of its own, the shared tier's count and families, and every system's users.
Workload shared_workload(const Deployment& deployment);

} // namespace irisize
