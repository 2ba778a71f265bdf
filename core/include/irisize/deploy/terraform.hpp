// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file deploy/terraform.hpp
/// Terraform (HCL) for what a plan recommends: VPCs and subnets, security groups per tier,
/// one `aws_instance` per server, one `aws_ebs_volume` (and attachment) per planned EBS
/// volume, the web tier's Application Load Balancer (sticky sessions, every web server a
/// target), the mirror load balancer health-checked on the mirror-status page through the
/// members' Web Gateway, Route 53 failover to the DR region on CloudWatch-alarm health checks
/// (which work for internal load balancers), and CloudWatch alarms for every database member.
/// The text is laid out as `terraform fmt` lays it out. docs/deploy.md describes the files.

#include <string>
#include <string_view>
#include <vector>

#include "irisize/data/catalog.hpp"
#include "irisize/data/deploy_defaults.hpp"
#include "irisize/plan/plan.hpp"
#include "irisize/result.hpp"

namespace irisize {

/// versions.tf, providers.tf, variables.tf, network.tf, security.tf, instances.tf,
/// storage.tf, loadbalancer.tf, monitoring.tf and outputs.tf, in that order. The plan's
/// `instances.root_volume_purpose` volume (os) becomes each instance's root volume; every
/// other planned volume is `stripe_width` `aws_ebs_volume` resources per server. An Error
/// when a server needs more attached volumes than `instances.device_names` lists, or a
/// member names a region that is neither the plan's region nor its DR region. `catalog` gives
/// the instance limits (EBS alarms) and the sizing policy (the Health Monitor CPU warning).
Result<std::vector<GeneratedFile>> terraform_files(const Plan& plan, const Catalog& catalog,
                                                   const DeployDefaults& defaults);

/// `text` as an HCL quoted string: quotes, backslashes and control characters escaped,
/// `${` and `%{` doubled so Terraform reads them literally.
std::string hcl_string(std::string_view text);
/// `text` as an HCL identifier: lower case letters, digits and underscores, starting with a
/// letter or underscore (never empty).
std::string hcl_identifier(std::string_view text);

} // namespace irisize
