// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file terraform.hpp
/// Terraform (HCL) for what a plan recommends: VPCs and subnets, security groups per tier,
/// one `aws_instance` per server, one `aws_ebs_volume` (and attachment) per planned EBS
/// volume, the mirror load balancer with the mirror-status health check, Route 53 failover
/// to the DR region, and CloudWatch alarms for the limits the plan runs close to. The text
/// is laid out as `terraform fmt` lays it out. docs/deploy.md describes the files.

#include <string>
#include <string_view>
#include <vector>

#include "irisize/catalog.hpp"
#include "irisize/deploy.hpp"
#include "irisize/plan.hpp"
#include "irisize/result.hpp"

namespace irisize {

/// versions.tf, providers.tf, variables.tf, network.tf, security.tf, instances.tf,
/// storage.tf, loadbalancer.tf, monitoring.tf and outputs.tf, in that order. The plan's
/// `instances.root_volume_purpose` volume (os) becomes each instance's root volume; every
/// other planned volume is `stripe_width` `aws_ebs_volume` resources per server. An Error
/// when a server needs more attached volumes than `instances.device_names` lists, or a
/// member names a region that is neither the plan's region nor its DR region.
Result<std::vector<GeneratedFile>> terraform_files(const Plan& plan, const InstanceCatalog& instances,
                                                   const DeployDefaults& defaults);

/// `text` as an HCL quoted string: quotes, backslashes and control characters escaped,
/// `${` and `%{` doubled so Terraform reads them literally.
std::string hcl_string(std::string_view text);
/// `text` as an HCL identifier: lower case letters, digits and underscores, starting with a
/// letter or underscore (never empty).
std::string hcl_identifier(std::string_view text);

} // namespace irisize
