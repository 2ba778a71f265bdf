// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file deploy/icm.hpp
/// InterSystems Cloud Manager (ICM) configuration files for what a plan recommends.
///
/// ICM is deprecated as of InterSystems IRIS 2023.3 (the release is in data/deploy.json,
/// `icm.deprecated_since`) and will be removed; the output is kept for sites that deploy with it
/// today, and the README it writes points new deployments to the Terraform output
/// (deploy/terraform.hpp).
///
/// ICM provisions one region per deployment and joins regions with `icm merge`, so the files
/// are one directory per region the plan uses, the primary's first:
/// - `<region>/defaults.json`: provider, Label and Tag (letters and digits: ICM forbids dashes),
///   region, the region's zones (`Zone`), placeholders for credentials, keys and the license
///   directory, the IRIS image, `Mirror`, and `SkipTopologyValidation` where the region holds
///   no failover pair (a lone DM, or async members only);
/// - `<region>/definitions.json`: one entry per group of nodes, each with its `ZoneMap`: DM
///   (`MirrorMap` primary,backup; async members as their own entries), AR (the arbiter image),
///   AM, WS (the Web Gateway image), VM (print servers); DM and AM carry `LicenseKey`;
/// - `README.md`: the deprecation, what to fill in, the order of commands (provision each
///   region, merge, run) and where the files differ from the plan.
/// Field names follow the InterSystems Cloud Manager Guide, ICM Reference; docs/deploy.md
/// lists them.

#include <vector>

#include "irisize/data/deploy_defaults.hpp"
#include "irisize/plan/plan.hpp"
#include "irisize/result.hpp"

namespace irisize {

/// README.md, then defaults.json and definitions.json per region. ICM provisions one volume per
/// purpose, so a striped purpose becomes one volume of the stripe's total size and IOPS (and the
/// README says so). Values are JSON strings, as in ICM's own samples. Entries reproduce the plan's
/// nodes per zone exactly, given ICM's round-robin placement over `ZoneMap`. An Error when the
/// plan has no primary.
Result<std::vector<GeneratedFile>> icm_files(const Plan& plan, const DeployDefaults& defaults);

} // namespace irisize
