// SPDX-License-Identifier: GPL-3.0-or-later
// The sheets that hold the plan's numbers: Summary (with totals that refer to the Cost sheet),
// Servers, Storage and Cost, numbers as numbers with the unit in the header and totals as
// formulas with their values cached.
#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "irisize/format.hpp"
#include "xlsx_sheets.hpp"

namespace irisize::xlsx_detail {

namespace u = units;

namespace {

/// Rows of the Cost sheet before its lines: the header.
constexpr lxw_row_t cost_first_line_row = 1;

/// The row of the Cost sheet's total, which the Summary sheet refers to.
lxw_row_t cost_total_row(const Plan& plan) {
    return cost_first_line_row + static_cast<lxw_row_t>(plan.cost_lines.size());
}

} // namespace

void summary_sheet(Book& b, lxw_worksheet* ws, const Plan& plan, const XlsxOptions& options) {
    const Formats& f = b.f();
    b.column(ws, 0, 30, nullptr);
    b.column(ws, 1, 100, nullptr);
    b.print_setup(ws);
    b.text(ws, 0, 0, fmt::format("Sizing of {}", plan.name), f.title);
    lxw_row_t row = 2;
    auto item = [&](std::string_view label, std::string_view value) {
        b.text(ws, row, 0, label, f.label);
        b.text(ws, row, 1, value, f.value_text);
        ++row;
    };
    item("System", plan.name);
    if (!plan.description.empty())
        item("Description", plan.description);
    item("Product", plan.product);
    item("Region", plan.region);
    item("DR region", plan.dr_region.empty() ? "none" : plan.dr_region);
    item("EBS rule set", plan.rules);
    b.text(ws, row, 0, "Rule set as of", f.label);
    b.date(ws, row++, 1, plan.rules_as_of, f.value_date, f.value_text);
    item("Price source", plan.price_source);
    b.text(ws, row, 0, "Prices as of", f.label);
    b.date(ws, row++, 1, plan.price_as_of, f.value_date, f.value_text);
    if (!plan.dr_price_as_of.empty()) {
        b.text(ws, row, 0, "DR region prices as of", f.label);
        b.date(ws, row++, 1, plan.dr_price_as_of, f.value_date, f.value_text);
    }
    b.text(ws, row, 0, "Billing month (hours)", f.label);
    b.number(ws, row++, 1, u::in_hours(plan.month), f.value_integer);
    item("Contains estimates",
         plan.price_estimates ? "yes: some prices used are estimates (see the Cost sheet)" : "no");
    b.text(ws, row, 0, "Horizon (years)", f.label);
    b.number(ws, row++, 1, plan.horizon_years, f.value_integer);
    b.text(ws, row, 0, "Database at horizon (GiB)", f.label);
    const double db = u::in_GiB(plan.database_at_horizon);
    b.number(ws, row++, 1, db, std::floor(db) == db ? f.value_integer : f.value_decimal);

    // The totals refer to the Cost sheet, so that a changed cost line carries through.
    const double monthly = plan.monthly_usd();
    const lxw_row_t monthly_row = row++;
    b.text(ws, monthly_row, 0, "Total per month (USD)", f.label);
    b.formula(ws, monthly_row, 1, "=Cost!" + abs_ref(cost_total_row(plan), 2), monthly, f.value_usd);
    const lxw_row_t year_row = row++;
    b.text(ws, year_row, 0, "Total per year (USD)", f.label);
    b.formula(ws, year_row, 1, "=" + ref(monthly_row, 1) + "*12", monthly * 12.0, f.value_usd);
    const int years = std::max(plan.horizon_years, 1);
    b.text(ws, row, 0, fmt::format("Total over {} year{} (USD)", years, years == 1 ? "" : "s"), f.label);
    b.formula(ws, row, 1, fmt::format("={}*{}", ref(year_row, 1), years), monthly * 12.0 * years, f.value_usd);
    ++row;
    item("Prepared with", options.version.empty() ? "irisize" : "irisize " + options.version);
    b.text(ws, row, 0, "Report date", f.label);
    b.date(ws, row++, 1, options.date, f.value_date, f.value_text);

    ++row;
    b.text(ws, row++, 0, "Warnings", f.section);
    if (plan.warnings.empty())
        b.text(ws, row++, 1, "none", f.value_text);
    int n = 0;
    for (const auto& w : plan.warnings) {
        b.number(ws, row, 0, ++n, f.value_integer);
        b.text(ws, row++, 1, w, f.value_text);
    }
    ++row;
    b.text(ws, row, 1,
           "Money is in US dollars per billing month; sizes in GiB (2^30 bytes), throughput in MiB/s. The other "
           "sheets hold the servers, the volumes, every cost line, the growth and why each number is what it is.",
           f.value_text);
}

void servers_sheet(Book& b, lxw_worksheet* ws, const Plan& plan) {
    const Formats& f = b.f();
    const std::vector<Column> cols = {{"Role", 11},
                                      {"Region", 14},
                                      {"Availability zone", 14},
                                      {"Instance type", 15},
                                      {"Count", 8},
                                      {"vCPU (each)", 9},
                                      {"Memory (GiB, each)", 11},
                                      {"vCPU needed", 10},
                                      {"Memory needed (GiB)", 11},
                                      {"IOPS needed", 11},
                                      {"Throughput needed (MiB/s)", 13},
                                      {"Monthly each (USD)", 13},
                                      {"Monthly total (USD)", 13},
                                      {"Price estimate", 9}};
    lxw_row_t row = 1;
    for (const auto& m : plan.members) {
        const double each = plan.monthly_usd(m.instance_cost);
        const double mem = u::in_GiB(m.memory);
        const double mem_need = u::in_GiB(m.demand.memory);
        b.text(ws, row, 0, name(m.role), f.text);
        b.text(ws, row, 1, m.region, f.text);
        b.text(ws, row, 2, m.availability_zone, f.text);
        b.text(ws, row, 3, m.instance_type, f.text);
        b.number(ws, row, 4, m.count, f.count);
        b.number(ws, row, 5, m.vcpu, f.integer);
        b.number(ws, row, 6, mem, size_format(f, mem));
        b.number(ws, row, 7, m.demand.vcpu, f.decimal);
        b.number(ws, row, 8, mem_need, size_format(f, mem_need));
        b.number(ws, row, 9, u::in_iops(m.demand.iops), f.integer);
        b.number(ws, row, 10, u::in_MiBps(m.demand.throughput), f.decimal);
        b.number(ws, row, 11, each, f.usd);
        b.formula(ws, row, 12, fmt::format("={}*{}", ref(row, 4), ref(row, 11)), each * m.count, f.usd);
        b.text(ws, row, 13, yes_no(m.price_estimate), f.center);
        ++row;
    }
    const lxw_row_t last = row - 1;
    b.table(ws, cols, last);
    double total = 0;
    for (const auto& m : plan.members)
        total += plan.monthly_usd(m.instance_cost) * m.count;
    b.text(ws, row, 0, "Total", f.total_label);
    for (lxw_col_t c = 1; c < 12; ++c)
        b.text(ws, row, c, "", f.total_label);
    b.formula(ws, row, 12, fmt::format("=SUM({}:{})", ref(1, 12), ref(last, 12)), total, f.total_usd);
    b.text(ws, row, 13, "", f.total_label);
}

void storage_sheet(Book& b, lxw_worksheet* ws, const Plan& plan) {
    const Formats& f = b.f();
    const std::vector<Column> cols = {{"Member", 10},
                                      {"Availability zone", 13},
                                      {"Servers", 8},
                                      {"Purpose", 9},
                                      {"Type", 6},
                                      {"Stripe width (volumes)", 10},
                                      {"Size per volume (GiB)", 10},
                                      {"Total size (GiB)", 10},
                                      {"IOPS per volume", 10},
                                      {"Throughput per volume (MiB/s)", 12},
                                      {"Capacity needed (GiB)", 10},
                                      {"IOPS needed", 10},
                                      {"Throughput needed (MiB/s)", 12},
                                      {"Storage (USD/month)", 12},
                                      {"Provisioned IOPS (USD/month)", 12},
                                      {"Provisioned throughput (USD/month)", 12},
                                      {"Monthly per server (USD)", 12},
                                      {"Monthly all servers (USD)", 12},
                                      {"Explanation", 90, true}};
    lxw_row_t row = 1;
    double total = 0;
    for (const auto& m : plan.members)
        for (const auto& v : m.volumes) {
            const double size = u::in_GiB(v.size);
            const double need = u::in_GiB(v.demand_capacity);
            const double per_server = plan.monthly_usd(v.cost());
            total += per_server * m.count;
            b.text(ws, row, 0, name(m.role), f.text);
            b.text(ws, row, 1, m.availability_zone, f.text);
            b.number(ws, row, 2, m.count, f.count);
            b.text(ws, row, 3, name(v.purpose), f.text);
            b.text(ws, row, 4, v.type, f.text);
            b.number(ws, row, 5, v.stripe_width, f.count);
            b.number(ws, row, 6, size, size_format(f, size));
            b.formula(ws, row, 7, fmt::format("={}*{}", ref(row, 5), ref(row, 6)), size * v.stripe_width,
                      size_format(f, size));
            b.number(ws, row, 8, u::in_iops(v.iops), f.integer);
            b.number(ws, row, 9, u::in_MiBps(v.throughput), f.decimal);
            b.number(ws, row, 10, need, size_format(f, need));
            b.number(ws, row, 11, u::in_iops(v.demand_iops), f.integer);
            b.number(ws, row, 12, u::in_MiBps(v.demand_throughput), f.decimal);
            b.number(ws, row, 13, plan.monthly_usd(v.storage_cost), f.usd);
            b.number(ws, row, 14, plan.monthly_usd(v.iops_cost), f.usd);
            b.number(ws, row, 15, plan.monthly_usd(v.throughput_cost), f.usd);
            b.formula(ws, row, 16, fmt::format("=SUM({}:{})", ref(row, 13), ref(row, 15)), per_server, f.usd);
            b.formula(ws, row, 17, fmt::format("={}*{}", ref(row, 2), ref(row, 16)), per_server * m.count, f.usd);
            b.text(ws, row, 18, v.explanation, f.wrap);
            ++row;
        }
    const lxw_row_t last = row - 1;
    b.table(ws, cols, last);
    b.text(ws, row, 0, "Total", f.total_label);
    for (lxw_col_t c = 1; c < 17; ++c)
        b.text(ws, row, c, "", f.total_label);
    if (last >= 1)
        b.formula(ws, row, 17, fmt::format("=SUM({}:{})", ref(1, 17), ref(last, 17)), total, f.total_usd);
    else
        b.number(ws, row, 17, 0.0, f.total_usd);
    b.text(ws, row, 18, "", f.total_label);
}

void cost_sheet(Book& b, lxw_worksheet* ws, const Plan& plan) {
    const Formats& f = b.f();
    const std::vector<Column> cols = {
        {"Component", 46}, {"Category", 12}, {"Monthly (USD)", 14}, {"Estimate", 9}, {"Explanation", 90, true}};
    lxw_row_t row = cost_first_line_row;
    for (const auto& c : plan.cost_lines) {
        b.text(ws, row, 0, c.component, f.text);
        b.text(ws, row, 1, c.category, f.text);
        b.number(ws, row, 2, plan.monthly_usd(c.cost), f.usd);
        b.text(ws, row, 3, yes_no(c.estimate), f.center);
        b.text(ws, row, 4, c.explanation, f.wrap);
        ++row;
    }
    const lxw_row_t last = row - 1;
    b.table(ws, cols, last);
    b.text(ws, row, 0, "Total per month", f.total_label);
    b.text(ws, row, 1, "", f.total_label);
    if (last >= cost_first_line_row)
        b.formula(ws, row, 2, fmt::format("=SUM({}:{})", ref(cost_first_line_row, 2), ref(last, 2)), plan.monthly_usd(),
                  f.total_usd);
    else
        b.number(ws, row, 2, plan.monthly_usd(), f.total_usd);
    b.text(ws, row, 3, "", f.total_label);
    b.text(ws, row, 4, "", f.total_label);
}

} // namespace irisize::xlsx_detail
