// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file report/report_svg.hpp
/// The report's figures as standalone SVG, drawn from the plan alone (no GUI toolkit): the
/// architecture (regions, availability zones, members), the monthly cost by category and
/// the growth of the database against the planned data volumes. Text is escaped; colours
/// stay readable in print and greyscale.

#include <string>

#include "irisize/plan/plan.hpp"

namespace irisize {

struct SvgFigure {
    std::string svg; ///< a complete <svg> element with width, height and viewBox
    double width = 0;
    double height = 0;
};

/// architecture_layout(plan) drawn as SVG (the desktop application draws the same layout). What
/// the deployment builds for the plan, and nothing it lacks: the production region above the
/// DR region, each with its availability zones as columns holding one box per member role and zone
/// (role, count x instance type, vCPU and memory); the web load balancer over the web servers, the
/// mirror's network load balancer (in place of the virtual IP) under the failover pair, the
/// "mirror (sync)" line between primary and backup, the arbiter linked to both, the ECP links of
/// the application and print servers to the data server, the async journal line to the DR members
/// and Route 53 failover between the regions' load balancers. Each member box is a
/// `<g class="member role-ROLE">`.
SvgFigure architecture_svg(const Plan& plan);
/// The caption of the architecture figure, written from the plan's members: "Figure 1. Deployment
/// in REGION: ..." naming every tier the plan has (counts and instance types) and no other.
std::string architecture_caption(const Plan& plan);
/// One bar per cost category, largest first, labelled with USD a month.
SvgFigure cost_svg(const Plan& plan);
/// Database size, data-volume need and the planned data capacity, year by year.
SvgFigure growth_svg(const Plan& plan);

} // namespace irisize
