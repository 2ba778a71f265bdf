// SPDX-License-Identifier: GPL-3.0-or-later
// The sheets that look ahead and explain: Growth (the data capacity year by year, with a line
// chart) and Assumptions (every assumption, the instances turned down, every explanation and
// the workload document as given, one row per value).
#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "irisize/format.hpp"
#include "xlsx_sheets.hpp"

namespace irisize::xlsx_detail {

namespace u = units;

void growth_sheet(Book& b, lxw_worksheet* ws, const Plan& plan) {
    const Formats& f = b.f();
    const std::vector<Column> cols = {{"Year", 7},
                                      {"Database (GiB)", 15},
                                      {"Data volume needed (GiB)", 14},
                                      {"Data volume planned (GiB)", 14},
                                      {"Monthly if sized for that year (USD)", 16}};
    lxw_row_t row = 1;
    for (const auto& y : plan.projection) {
        const double db = u::in_GiB(y.database);
        const double need = u::in_GiB(y.data_needed);
        const double planned = u::in_GiB(y.data_planned);
        b.number(ws, row, 0, y.year, f.integer);
        b.number(ws, row, 1, db, size_format(f, db));
        b.number(ws, row, 2, need, size_format(f, need));
        b.number(ws, row, 3, planned, size_format(f, planned));
        b.number(ws, row, 4, plan.monthly_usd(y.monthly_if_sized_for_year), f.usd);
        ++row;
    }
    const lxw_row_t last = row - 1;
    b.table(ws, cols, last);
    if (!ws || plan.projection.empty())
        return;
    b.text(ws, row + 1, 0,
           fmt::format("The plan provisions the data volumes for year {} from the start, at {} per month in total. "
                       "The last column is what the plan would cost if the data volumes were sized for that year "
                       "only.",
                       plan.horizon_years, money_str(plan.monthly_usd())),
           f.text);

    // Capacity needed and planned, year by year.
    lxw_chart* chart = workbook_add_chart(b.workbook(), LXW_CHART_LINE);
    if (!chart)
        return;
    const std::string years = fmt::format("=Growth!{}:{}", abs_ref(1, 0), abs_ref(last, 0));
    for (lxw_col_t c = 1; c <= 3; ++c) {
        const std::string values = fmt::format("=Growth!{}:{}", abs_ref(1, c), abs_ref(last, c));
        lxw_chart_series* s = chart_add_series(chart, years.c_str(), values.c_str());
        if (s)
            chart_series_set_name(s, fmt::format("=Growth!{}", abs_ref(0, c)).c_str());
    }
    chart_title_set_name(chart, "Data capacity by year");
    chart_axis_set_name(chart->x_axis, "Year");
    chart_axis_set_name(chart->y_axis, "GiB");
    chart_axis_set_num_format(chart->y_axis, "#,##0");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt{};
    opt.x_scale = 1.3;
    opt.y_scale = 1.2;
    worksheet_insert_chart_opt(ws, row + 3, 0, chart, &opt);
}

namespace {

/// The workload document, one row per value: a dotted path and the value as given.
void workload_rows(Book& b, lxw_worksheet* ws, lxw_row_t& row, const nlohmann::json& j, const std::string& path) {
    const Formats& f = b.f();
    if (j.is_object() && !j.empty()) {
        for (const auto& [k, v] : j.items())
            workload_rows(b, ws, row, v, path.empty() ? k : path + "." + k);
        return;
    }
    if (j.is_array() && !j.empty()) {
        for (std::size_t i = 0; i < j.size(); ++i)
            workload_rows(b, ws, row, j[i], fmt::format("{}[{}]", path, i));
        return;
    }
    b.text(ws, row, 0, path, f.value_text);
    if (j.is_number())
        b.number(ws, row, 3, j.get<double>(),
                 std::floor(j.get<double>()) == j.get<double>() ? f.value_integer : f.value_decimal);
    else if (j.is_boolean())
        b.text(ws, row, 3, j.get<bool>() ? "true" : "false", f.value_text);
    else if (j.is_string())
        b.text(ws, row, 3, j.get<std::string>(), f.value_text);
    else
        b.text(ws, row, 3, j.dump(), f.value_text);
    ++row;
}

} // namespace

void assumptions_sheet(Book& b, lxw_worksheet* ws, const Plan& plan, const XlsxOptions& options) {
    const Formats& f = b.f();
    b.column(ws, 0, 30, f.wrap);
    b.column(ws, 1, 16, nullptr);
    b.column(ws, 2, 14, nullptr);
    b.column(ws, 3, 100, f.wrap);
    b.print_setup(ws);
    lxw_row_t row = 0;
    auto header = [&](std::initializer_list<std::pair<lxw_col_t, const char*>> cells) {
        for (lxw_col_t c = 0; c < 4; ++c)
            b.text(ws, row, c, "", f.header);
        for (const auto& [c, name] : cells)
            b.text(ws, row, c, name, f.header);
        ++row;
    };

    b.text(ws, row++, 0, "Assumptions", f.section);
    header({{0, "No."}, {3, "Assumption"}});
    int n = 0;
    for (const auto& a : plan.assumptions) {
        b.number(ws, row, 0, ++n, f.value_integer);
        b.text(ws, row++, 3, a, f.wrap);
    }
    if (plan.assumptions.empty())
        b.text(ws, row++, 3, "none: every value came from the workload", f.wrap);

    ++row;
    b.text(ws, row++, 0, "Instances turned down", f.section);
    header({{0, "Role"}, {1, "Instance type"}, {2, "Monthly (USD)"}, {3, "Reason"}});
    for (const auto& r : plan.rejected) {
        b.text(ws, row, 0, name(r.role), f.value_text);
        b.text(ws, row, 1, r.instance_type, f.text);
        b.number(ws, row, 2, plan.monthly_usd(r.cost), f.usd);
        b.text(ws, row++, 3, r.reason, f.wrap);
    }
    if (plan.rejected.empty())
        b.text(ws, row++, 3, "none: no cheaper instance was looked at and turned down", f.wrap);

    ++row;
    b.text(ws, row++, 0, "Explanations", f.section);
    header({{0, "Subject"}, {3, "Explanation"}});
    for (const auto& e : plan.all_explanations()) {
        b.text(ws, row, 0, e.subject, f.value_text);
        b.text(ws, row++, 3, e.text, f.wrap);
    }

    if (!options.workload.is_null()) {
        ++row;
        b.text(ws, row++, 0, "Workload as given", f.section);
        header({{0, "Field"}, {3, "Value"}});
        workload_rows(b, ws, row, options.workload, "");
    }
}

} // namespace irisize::xlsx_detail
