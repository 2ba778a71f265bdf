// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file irisize.hpp
/// irisize::core in one include. The folders are the stages a plan passes through, and data
/// only flows down this picture, never back up:
///
///     data/      data/*.json read into a Catalog (instances, prices, profiles, sizing
///                policy), the EBS rule sets and the deploy defaults
///     rules/     the rule engine: what a volume of a rule set allows and delivers
///     workload/  what the architect describes: workload JSON, one batch CSV row, growth fits
///     import/    measured figures and prices from outside: SystemPerformance reports into a
///                workload, AWS offer files into price documents for data/
///         |
///         v
///     sizing/    size(workload, catalog, options): the cheapest plan that keeps every rule
///         |
///         v
///     plan/      the Plan, its independent check, and the plan as JSON and as text
///         |
///         +--> report/  the report model (sections, tables, SVG figures), HTML, Markdown
///         +--> deploy/  Terraform and ICM files for the plan, written with the deploy defaults
///
/// units.hpp, result.hpp, format.hpp and roles.hpp sit beside the stages: typed quantities,
/// errors as values, numbers for people, and the members' roles and volumes' purposes with the
/// one table of their names. The front ends (app/cli, app/gui) call the services in
/// app/common, which call this library; the PDF and XLSX writers live in app/ too.

#include "irisize/format.hpp"
#include "irisize/result.hpp"
#include "irisize/roles.hpp"
#include "irisize/units.hpp"

#include "irisize/data/catalog.hpp"
#include "irisize/data/deploy_defaults.hpp"
#include "irisize/data/rule_set.hpp"

#include "irisize/rules/rule_engine.hpp"

#include "irisize/workload/csv_row.hpp"
#include "irisize/workload/deployment.hpp"
#include "irisize/workload/growth_fit.hpp"
#include "irisize/workload/workload.hpp"

#include "irisize/import/metrics_import.hpp"
#include "irisize/import/price_import.hpp"

#include "irisize/sizing/deployment_sizing.hpp"
#include "irisize/sizing/sizing.hpp"

#include "irisize/plan/deployment_plan.hpp"
#include "irisize/plan/plan.hpp"
#include "irisize/plan/plan_check.hpp"
#include "irisize/plan/plan_json.hpp"
#include "irisize/plan/plan_text.hpp"

#include "irisize/report/architecture_layout.hpp"
#include "irisize/report/report_model.hpp"
#include "irisize/report/report_svg.hpp"

#include "irisize/deploy/icm.hpp"
#include "irisize/deploy/terraform.hpp"
