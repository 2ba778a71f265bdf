// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The deployment laid out once for every deploy writer (Terraform and ICM): which servers the
// plan's members stand for, which region and availability zone each is in, how the servers of
// a role are numbered, the regions in the order they are deployed, and what a role is in the
// deployment (its tier, whether it holds the databases). A member with no server (a count
// below one) deploys nothing and is left out.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "irisize/plan/plan.hpp"

namespace irisize::detail {

/// The tier a role belongs to, as deploy.json's security groups name them: "database" (the
/// mirror members and the arbiter), "web", or "app" (application and print servers).
/// (Whether a role holds the databases or is one of the failover pair: irisize/roles.hpp.)
std::string_view tier_of(Role role);

/// One server: one of a member's `count` nodes.
struct DeployServer {
    const Member* member = nullptr;
    std::size_t region = 0; ///< index into DeployLayout::regions
    int ordinal = 1;        ///< 1-based among the servers of its role, in plan order
    int of_role = 1;        ///< how many servers the plan has of its role
};

/// One region of the deployment.
struct DeployRegion {
    std::string name;
    bool production = false;            ///< the plan's region (not its DR region)
    std::vector<const Member*> members; ///< the members with servers here, in plan order
    std::vector<std::string> zones;     ///< their availability zones, in order of first appearance
};

/// The plan as servers in regions and zones.
struct DeployLayout {
    std::vector<DeployRegion> regions; ///< the primary's region first, then the others in plan order
    std::vector<DeployServer> servers; ///< in plan order
    const Member* primary = nullptr;   ///< the first primary member with a server, if any
    const Member* backup = nullptr;    ///< the first backup member with a server, if any
};

DeployLayout lay_out_deployment(const Plan& plan);

/// Nodes per availability zone of `members`, zones in order of first appearance.
std::vector<std::pair<std::string, int>> nodes_per_zone(const std::vector<const Member*>& members);

} // namespace irisize::detail
