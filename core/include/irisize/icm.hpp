// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file icm.hpp
/// InterSystems Cloud Manager (ICM) configuration files for what a plan recommends: a
/// `defaults.json` (provider, region, zones, placeholders for credentials and keys, the
/// database volumes) and a `definitions.json` (one entry per group of nodes: DM mirror
/// members, AR arbiter, AM application servers, WS web servers, VM print servers, and the
/// DR async members as DM entries in the DR region). Field names follow the ICM Reference;
/// docs/deploy.md lists them and what must be filled in.

#include <vector>

#include "irisize/deploy.hpp"
#include "irisize/plan.hpp"
#include "irisize/result.hpp"

namespace irisize {

/// defaults.json and definitions.json. ICM provisions one volume per purpose, so a striped
/// purpose becomes one volume of the stripe's total size and IOPS (and the entry says so).
/// Values are JSON strings, as in ICM's own samples. An Error when the plan has no primary.
Result<std::vector<GeneratedFile>> icm_files(const Plan& plan, const DeployDefaults& defaults);

} // namespace irisize
