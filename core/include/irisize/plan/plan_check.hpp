// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file plan/plan_check.hpp
/// An independent check of a finished plan, written apart from the optimiser: it re-reads
/// the plan against the catalog and the rule set and lists every rule the plan breaks. The
/// CLI runs it on every plan it emits; a finding is a bug in irisize, reported as such,
/// never a silent output.

#include "irisize/data/catalog.hpp"
#include "irisize/plan/deployment_plan.hpp"
#include "irisize/plan/plan.hpp"
#include "irisize/workload/deployment.hpp"
#include "irisize/workload/workload.hpp"

#include <string>
#include <vector>

namespace irisize {

/// Every problem found, in words (empty: the plan holds). Checks: each volume valid under the
/// plan's rule set on its member's instance (Nitro or not) and able to carry its stated
/// demand; the database members' separate data, WIJ and journal volumes; CPU, memory and
/// sustained EBS demand within each instance; mirror members in three availability zones of
/// the region, backup identical to the primary, DR members in the DR region; capacity at the
/// horizon; every cost line recomputed from the price list, and the total their sum.
std::vector<std::string> check_plan(const Plan& plan, const Workload& workload, const Catalog& catalog);

/// The same for a deployment: each system's plan checked against its workload (findings
/// prefixed with the system's name), each in the deployment's region and DR region, no web
/// servers of its own when the web tier is shared; the shared tier's members checked as any
/// member is, web servers only; the deployment's total the sum of the systems' and the
/// shared parts'.
std::vector<std::string> check_deployment(const DeploymentPlan& plan, const Deployment& deployment,
                                          const Catalog& catalog);

} // namespace irisize
