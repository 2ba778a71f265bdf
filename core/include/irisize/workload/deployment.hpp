// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file workload/deployment.hpp
/// What a customer buys: several systems (each a workload, one mirror set and its tiers)
/// in one region, one VPC and one DR region, with a web gateway tier they share. Read from
/// the deployment JSON (`"kind": "deployment"`, `"schema": 1`, docs/deployment.md); each
/// system is a workload written inline or a workload file named by a path relative to the
/// deployment file.

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "irisize/result.hpp"
#include "irisize/workload/workload.hpp"

namespace irisize {

/// The tiers the systems share. Today: the web gateway servers behind one load balancer,
/// spread over the region's zones, sized for every system's users together.
struct SharedTiers {
    TierCount web_servers;             ///< not set: no shared web tier (each system keeps its own)
    std::vector<std::string> families; ///< allowed instance families; empty: the policy's
};

struct DeploymentSystem {
    Workload workload; ///< as the deployment sizes it (region, rules and DR region are the deployment's)
    std::string file;  ///< the workload file it was read from, as written in the deployment; empty: inline
    /// The web servers the system asked for itself, replaced by the shared tier (for the plan's assumptions).
    TierCount own_web_servers;
};

struct Deployment {
    std::string name;
    std::string description;
    std::string region;
    std::string rules;     ///< rule set id; empty: the catalog's default
    std::string dr_region; ///< the DR region every system with DR members uses; empty: none
    SharedTiers shared;
    std::vector<DeploymentSystem> systems;

    [[nodiscard]] bool shares_web_tier() const { return shared.web_servers.is_set(); }
};

/// Whether a JSON document says it is a deployment (`"kind": "deployment"`).
bool is_deployment_document(const nlohmann::json& doc);

/// Reads and checks a deployment document. Systems given by path are read relative to
/// `base_dir`. Errors name the field (`systems[2].database.size_gib`, or with the file:
/// `systems[2] (pix.json): database.size_gib`) and the reason.
Result<Deployment> parse_deployment(const nlohmann::json& doc, const std::filesystem::path& base_dir);
/// Parses JSON text, then parse_deployment; `origin` (the file name) prefixes every error's field.
Result<Deployment> read_deployment(std::istream& in, const std::string& origin, const std::filesystem::path& base_dir);

} // namespace irisize
