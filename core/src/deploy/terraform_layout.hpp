// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The deployment as Terraform sees it, built on the shared layout (deploy_layout.hpp): the
// production and DR side (each a provider and a VPC), every server with its resource name
// and subnet, the subnets per side, where the web tier's Application Load Balancer goes, the
// root volume and the attached volumes of every server with their device names; and the
// naming rules the resources share (the `_dr` suffix, the DR provider, name_prefix).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "deploy/hcl_writer.hpp"
#include "irisize/data/deploy_defaults.hpp"
#include "irisize/plan/plan.hpp"
#include "irisize/result.hpp"

namespace irisize::detail::tf {

/// The side of the deployment a resource is on: the plan's region or its DR region.
enum class Where { primary, dr };

struct Server {
    const Member* member = nullptr;
    std::string id; ///< HCL name of the aws_instance
    Where where = Where::primary;
    std::string subnet; ///< HCL name of its subnet
    std::string tier;   ///< database, app, web
};

struct Volume {
    const Server* server = nullptr;
    const PlannedVolume* planned = nullptr;
    int stripe_index = 1; ///< 1-based position in the stripe
    std::string id;       ///< HCL name of the aws_ebs_volume and its attachment
    std::string device;
};

/// Where the web tier's Application Load Balancer goes on one side. An ALB needs subnets in
/// at least two zones: the web servers' zones first, then other zones of the plan, then (when the
/// plan uses one zone of the region only) a subnet of its own in another zone.
struct WebLb {
    std::vector<const Server*> targets;
    std::vector<std::string> subnets; ///< HCL names of aws_subnet resources
    std::vector<std::string> web_zones;
    bool extra_subnet = false;       ///< `subnets` ends with the extra subnet
    std::string extra_subnet_avoids; ///< the zone the extra subnet must not be in
};

struct Layout {
    std::vector<Server> servers;
    std::vector<Volume> volumes;                             ///< attached, not root
    std::map<std::string, const PlannedVolume*> root;        ///< server id -> root volume (none: defaults)
    std::vector<std::pair<std::string, std::string>> azs[2]; ///< per Where: (subnet id, AZ) in order
    bool has_dr = false;
    WebLb web[2]; ///< per Where
};

/// Fills `L` (in place: volumes and load balancer targets point at its servers). An Error when
/// a member is in neither of the plan's regions, or a server needs more attached volumes than
/// `instances.device_names` lists.
std::optional<Error> lay_out(const Plan& plan, const DeployDefaults& d, Layout& L);

/// The servers behind the side's mirror load balancer: the failover pair, or the DR asyncs
/// (of one system of a deployment when `system` is given).
std::vector<const Server*> mirror_lb_targets(const Layout& L, Where w, const std::string* system = nullptr);

/// One mirror of the plan: its system's name (empty in a single system's plan) and the
/// suffixes that keep its load balancers apart from the other mirrors' ("" when there is one
/// mirror; "_s2" in resource names, "-s2" in AWS names, "patient-index." in DNS names).
struct MirrorGroup {
    std::string system;
    std::string resource_suffix;
    std::string aws_suffix;
    std::string dns_prefix;
};
/// The plan's mirrors, in the order their members appear.
std::vector<MirrorGroup> mirror_groups(const Plan& plan);

/// "primary" or "dr": the side's VPC, Route 53 record and health check.
const char* region_key(Where w);
/// `base`, with `_dr` on the DR side.
std::string suffixed(const std::string& base, Where w);
/// Sets the provider of a DR resource (the first attribute, as usual).
void provider(HclBody& b, Where w);
/// `"${var.name_prefix}-<suffix>"`: the suffix as literal text, its words joined by hyphens.
std::string interpolated(std::string_view suffix);

} // namespace irisize::detail::tf
