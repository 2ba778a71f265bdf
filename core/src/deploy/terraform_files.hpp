// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the writers of the Terraform files share: the header comment every file opens with,
// single-metric CloudWatch alarm checks, and the writers that have a source file of their
// own (loadbalancer.tf in terraform_loadbalancer.cpp, monitoring.tf in
// terraform_monitoring.cpp); terraform.cpp writes the other files and puts them in order.

#include <string>
#include <string_view>
#include <vector>

#include "deploy/hcl_writer.hpp"
#include "deploy/terraform_layout.hpp"
#include "irisize/data/catalog.hpp"
#include "irisize/data/deploy_defaults.hpp"
#include "irisize/plan/plan.hpp"

namespace irisize::detail::tf {

/// The header comment of a file: what it holds, for which plan, under which rules.
std::vector<std::string> header(const Plan& plan, std::string_view what);

/// What a single-metric CloudWatch alarm watches and when it fires.
struct MetricCheck {
    std::string_view ns;
    std::string_view metric;
    std::string_view statistic;
    std::string_view comparison;
    std::string threshold;
    int period_seconds;
    int evaluation_periods;
};
/// The alarm attributes of `c`, in the usual order.
void metric_check(HclBody& b, const MetricCheck& c);

/// loadbalancer.tf: the web tier's Application Load Balancers, the mirror load balancers and,
/// with a DR side, Route 53 failover on CloudWatch-alarm health checks.
GeneratedFile loadbalancer_tf(const Plan& plan, const Layout& L, const DeployDefaults& d);
/// monitoring.tf: CPU, status-check, volume-queue, burst-balance and instance EBS alarms.
GeneratedFile monitoring_tf(const Plan& plan, const Layout& L, const Catalog& catalog, const DeployDefaults& d);

} // namespace irisize::detail::tf
