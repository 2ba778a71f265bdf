// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file report_svg.hpp
/// The report's figures as standalone SVG, drawn from the plan alone (no GUI toolkit): the
/// architecture (regions, availability zones, members), the monthly cost by category and
/// the growth of the database against the planned data volumes. Text is escaped; colours
/// stay readable in print and greyscale.

#include <string>

#include "irisize/plan.hpp"

namespace irisize {

struct SvgFigure {
    std::string svg; ///< a complete <svg> element with width, height and viewBox
    double width = 0;
    double height = 0;
};

/// Regions side by side, each with its availability zones as columns holding the members
/// (role, instance type); the mirror and the async journal stream drawn between them.
SvgFigure architecture_svg(const Plan& plan);
/// One bar per cost category, largest first, labelled with USD a month.
SvgFigure cost_svg(const Plan& plan);
/// Database size, data-volume need and the planned data capacity, year by year.
SvgFigure growth_svg(const Plan& plan);

} // namespace irisize
