// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the generated Terraform, read back as HCL, must hold for a plan: the web tier's load
// balancer with sticky sessions holds every web server, the mirror load balancers check the
// mirror-status page on the Web Gateway port, names fit AWS's limits, Route 53 health checks
// never target an internal load balancer, and every database member has its alarms.

#include <set>
#include <string>
#include <vector>

#include "hcl_reader.hpp"
#include "irisize/plan/plan.hpp"

namespace irisize::test {

/// The aws_instance names of the servers with `role` (from their Role tag).
std::set<std::string> instances_with_role(const std::vector<HclBlock>& blocks, Role role);
/// How many servers the plan has with `role`.
int servers_with_role(const Plan& p, Role role);
/// What the generated HCL must hold for plan `p` (Catch2 checks).
void check_deployment(const Plan& p, const std::vector<HclBlock>& tf);

} // namespace irisize::test
