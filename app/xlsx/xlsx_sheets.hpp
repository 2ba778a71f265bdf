// SPDX-License-Identifier: GPL-3.0-or-later
// The six sheets of the plan's workbook, each written from the plan alone into a sheet the
// workbook already has: Summary, Servers, Storage and Cost (xlsx_sheets_plan.cpp), Growth and
// Assumptions (xlsx_sheets_growth_assumptions.cpp).
#pragma once

#include <xlsxwriter.h>

#include "irisize/plan/plan.hpp"
#include "xlsx_book.hpp"
#include "xlsx_writer.hpp"

namespace irisize::xlsx_detail {

/// The system, its region and data dates, the totals (formulas over the Cost sheet) and the
/// warnings.
void summary_sheet(Book& b, lxw_worksheet* ws, const Plan& plan, const XlsxOptions& options);
/// One row per member: instance, count, size and demand, monthly cost each and in all.
void servers_sheet(Book& b, lxw_worksheet* ws, const Plan& plan);
/// One row per member and volume, with the demand it meets, its charges and its explanation.
void storage_sheet(Book& b, lxw_worksheet* ws, const Plan& plan);
/// Every cost line and their total, which the Summary sheet refers to.
void cost_sheet(Book& b, lxw_worksheet* ws, const Plan& plan);
/// The database and data volumes year by year, with a chart.
void growth_sheet(Book& b, lxw_worksheet* ws, const Plan& plan);
/// Assumptions, instances turned down, every explanation and the workload as given.
void assumptions_sheet(Book& b, lxw_worksheet* ws, const Plan& plan, const XlsxOptions& options);

} // namespace irisize::xlsx_detail
