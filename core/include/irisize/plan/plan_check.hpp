// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file plan/plan_check.hpp
/// An independent check of a finished plan, written apart from the optimiser: it re-reads
/// the plan against the catalog and the rule set and lists every rule the plan breaks. The
/// CLI runs it on every plan it emits; a finding is a bug in irisize, reported as such,
/// never a silent output.

#include "irisize/data/catalog.hpp"
#include "irisize/plan/plan.hpp"
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

} // namespace irisize
