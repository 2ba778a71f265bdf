// SPDX-License-Identifier: GPL-3.0-or-later
#include "irisize/plan/plan_json.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "irisize/format.hpp"

namespace irisize {

namespace u = units;

namespace {
// Money to the cent and rates to sensible decimals, so the JSON reads like a bill.
double cents(double v) {
    return std::round(v * 100.0) / 100.0;
}
double round_to(double v, int decimals) {
    const double f = std::pow(10.0, decimals);
    return std::round(v * f) / f;
}
} // namespace

nlohmann::json to_json(const Plan& plan) {
    using nlohmann::json;
    json j;
    j["schema"] = plan.schema;
    j["name"] = plan.name;
    if (!plan.description.empty())
        j["description"] = plan.description;
    j["product"] = plan.product;
    j["product_name"] = plan.product_name;
    j["region"] = plan.region;
    if (!plan.dr_region.empty())
        j["dr_region"] = plan.dr_region;
    j["rules"] = plan.rules;
    j["rules_as_of"] = plan.rules_as_of;
    j["horizon_years"] = plan.horizon_years;
    j["price_data"] = {{"source", plan.price_source},
                       {"as_of", plan.price_as_of},
                       {"hours_per_month", u::in_hours(plan.month)},
                       {"contains_estimates", plan.price_estimates}};
    if (!plan.dr_price_as_of.empty())
        j["price_data"]["dr_as_of"] = plan.dr_price_as_of;

    json members = json::array();
    for (const auto& m : plan.members) {
        json jm;
        jm["role"] = m.role;
        jm["region"] = m.region;
        jm["availability_zone"] = m.availability_zone;
        jm["instance_type"] = m.instance_type;
        jm["count"] = m.count;
        jm["vcpu"] = m.vcpu;
        jm["memory_gib"] = round_to(u::in_GiB(m.memory), 2);
        jm["monthly_usd_each"] = cents(plan.monthly_usd(m.instance_cost));
        jm["price_estimate"] = m.price_estimate;
        jm["demand"] = {{"vcpu", round_to(m.demand.vcpu, 2)},
                        {"memory_gib", round_to(u::in_GiB(m.demand.memory), 2)},
                        {"iops", round_to(u::in_iops(m.demand.iops), 1)},
                        {"throughput_mibps", round_to(u::in_MiBps(m.demand.throughput), 2)},
                        {"capacity_gib", round_to(u::in_GiB(m.demand.capacity), 1)}};
        json vols = json::array();
        for (const auto& v : m.volumes) {
            vols.push_back({{"purpose", v.purpose},
                            {"type", v.type},
                            {"size_gib", round_to(u::in_GiB(v.size), 2)},
                            {"iops", round_to(u::in_iops(v.iops), 1)},
                            {"throughput_mibps", round_to(u::in_MiBps(v.throughput), 3)},
                            {"stripe_width", v.stripe_width},
                            {"monthly_usd", cents(plan.monthly_usd(v.cost()))},
                            {"demand",
                             {{"capacity_gib", round_to(u::in_GiB(v.demand_capacity), 1)},
                              {"iops", round_to(u::in_iops(v.demand_iops), 1)},
                              {"throughput_mibps", round_to(u::in_MiBps(v.demand_throughput), 3)}}}});
        }
        jm["volumes"] = std::move(vols);
        jm["ebs_volumes"] = {{"attached", m.ebs_volumes}, {"limit", m.ebs_volume_limit}};
        if (m.shared_memory_percent > 0)
            jm["shared_memory_percent_of_ram"] = round_to(m.shared_memory_percent, 1);
        if (m.smaller)
            jm["next_smaller_instance"] = {{"instance_type", m.smaller->instance_type},
                                           {"memory_gib", round_to(u::in_GiB(m.smaller->memory), 2)},
                                           {"shared_memory_percent_needed", round_to(m.smaller->shared_percent_needed, 1)},
                                           {"stretch_percent", round_to(m.smaller->stretch_percent, 1)},
                                           {"fits_at_stretch", m.smaller->fits_at_stretch},
                                           {"also_ruled_out_by", m.smaller->blocked_by},
                                           {"monthly_saving_usd", cents(plan.monthly_usd(m.smaller->saving))}};
        members.push_back(std::move(jm));
    }
    j["members"] = std::move(members);

    json lines = json::array();
    for (const auto& c : plan.cost_lines)
        lines.push_back({{"component", c.component},
                         {"category", c.category},
                         {"monthly_usd", cents(plan.monthly_usd(c.cost))},
                         {"estimate", c.estimate}});
    j["cost"] = {{"monthly_usd", cents(plan.monthly_usd())},
                 {"horizon_usd", cents(plan.monthly_usd() * 12.0 * std::max(plan.horizon_years, 1))},
                 {"lines", std::move(lines)}};

    json years = json::array();
    for (const auto& y : plan.projection)
        years.push_back({{"year", y.year},
                         {"database_gib", round_to(u::in_GiB(y.database), 1)},
                         {"data_needed_gib", round_to(u::in_GiB(y.data_needed), 1)},
                         {"data_planned_gib", round_to(u::in_GiB(y.data_planned), 1)},
                         {"monthly_usd_if_sized_for_year", cents(plan.monthly_usd(y.monthly_if_sized_for_year))}});
    j["projection"] = std::move(years);

    json rejected = json::array();
    for (const auto& r : plan.rejected)
        rejected.push_back({{"role", r.role},
                            {"instance_type", r.instance_type},
                            {"monthly_usd", cents(plan.monthly_usd(r.cost))},
                            {"reason", r.reason}});
    j["rejected"] = std::move(rejected);
    j["warnings"] = plan.warnings;
    json sources = json::array();
    for (const auto& src : plan.sources) {
        json js = {{"topic", src.topic}, {"title", src.title}, {"as_of", src.as_of}};
        if (!src.estimate.empty())
            js["estimate"] = src.estimate;
        sources.push_back(std::move(js));
    }
    j["sources"] = std::move(sources);
    j["assumptions"] = plan.assumptions;
    json ex = json::array();
    for (const auto& e : plan.all_explanations())
        ex.push_back({{"subject", e.subject}, {"text", e.text}});
    j["explanations"] = std::move(ex);
    return j;
}

namespace {

std::string volume_cell(const PlannedVolume& v) {
    return fmt::format("{}{} {} GiB {} IOPS {} MiB/s", v.stripe_width > 1 ? fmt::format("{}x ", v.stripe_width) : "",
                       v.type, num(u::in_GiB(v.size)), num(u::in_iops(v.iops)), num(u::in_MiBps(v.throughput), 1));
}

// Plain text for the terminal: underlined headings, aligned columns.
struct Writer {
    std::string out;

    void heading(std::string_view title) { out += fmt::format("\n{}\n{}\n", title, std::string(title.size(), '-')); }
    void line(std::string_view s) {
        out += s;
        out += '\n';
    }
    void bullet(std::string_view s) { out += fmt::format("  * {}\n", s); }
    void table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows) {
        std::vector<std::size_t> w(head.size());
        for (std::size_t i = 0; i < head.size(); ++i)
            w[i] = head[i].size();
        for (const auto& r : rows)
            for (std::size_t i = 0; i < r.size() && i < w.size(); ++i)
                w[i] = std::max(w[i], r[i].size());
        auto emit = [&](const std::vector<std::string>& r) {
            std::string s = " ";
            for (std::size_t i = 0; i < r.size(); ++i)
                s += fmt::format(" {:<{}}", r[i], w[i]);
            while (!s.empty() && s.back() == ' ')
                s.pop_back();
            out += s + '\n';
        };
        emit(head);
        std::vector<std::string> rule;
        for (auto x : w)
            rule.emplace_back(x, '-');
        emit(rule);
        for (const auto& r : rows)
            emit(r);
    }
};

} // namespace

std::string render_text(const Plan& plan) {
    Writer w;
    w.line(fmt::format("irisize plan: {}", plan.name));
    w.line("");
    if (!plan.description.empty()) {
        w.line(plan.description);
        w.line("");
    }
    w.line(fmt::format("Product {}, region {}{}, rule set {} ({}), prices as of {}{}.", plan.product_name, plan.region,
                       plan.dr_region.empty() ? "" : fmt::format(", DR region {}", plan.dr_region), plan.rules,
                       plan.rules_as_of, plan.price_as_of, plan.price_estimates ? " (some ESTIMATED)" : ""));
    w.line(fmt::format(
        "Monthly cost {} ({} over {} years at today's demand and prices).", money_str(plan.monthly_usd()),
        money_str(plan.monthly_usd() * 12.0 * std::max(plan.horizon_years, 1)), std::max(plan.horizon_years, 1)));

    w.heading("Servers");
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : plan.members)
        rows.push_back({m.role, m.availability_zone, m.instance_type, std::to_string(m.count), std::to_string(m.vcpu),
                        num(u::in_GiB(m.memory), 1), num(m.demand.vcpu, 1), num(u::in_GiB(m.demand.memory), 1),
                        money_str(plan.monthly_usd(m.instance_cost) * m.count) + (m.price_estimate ? " (est.)" : "")});
    w.table({"role", "zone", "instance", "count", "vCPU", "RAM GiB", "vCPU need", "RAM need GiB", "USD/month"}, rows);

    w.heading("Storage");
    rows.clear();
    for (const auto& m : plan.members) {
        if (m.role == "backup" || m.volumes.size() <= 1)
            continue;
        for (const auto& v : m.volumes)
            rows.push_back({m.role, v.purpose, volume_cell(v), num(u::in_GiB(v.demand_capacity)),
                            num(u::in_iops(v.demand_iops)), num(u::in_MiBps(v.demand_throughput), 1),
                            money_str(plan.monthly_usd(v.cost()))});
    }
    w.table({"member", "purpose", "volume(s)", "need GiB", "need IOPS", "need MiB/s", "USD/month"}, rows);
    if (plan.member("backup"))
        w.line("  (the backup member has the same volumes as the primary)");

    w.heading("Cost per month");
    rows.clear();
    for (const auto& c : plan.cost_lines)
        rows.push_back({c.component, c.category, money_str(plan.monthly_usd(c.cost)) + (c.estimate ? " (est.)" : "")});
    rows.push_back({"total", "", money_str(plan.monthly_usd())});
    w.table({"component", "category", "USD/month"}, rows);

    w.heading("Growth");
    rows.clear();
    for (const auto& y : plan.projection)
        rows.push_back({std::to_string(y.year), num(u::in_GiB(y.database)), num(u::in_GiB(y.data_needed)),
                        num(u::in_GiB(y.data_planned)), money_str(plan.monthly_usd(y.monthly_if_sized_for_year))});
    w.table({"year", "database GiB", "data volume need GiB", "planned GiB", "USD/month if sized for that year"}, rows);

    if (!plan.warnings.empty()) {
        w.heading("Warnings");
        for (const auto& s : plan.warnings)
            w.bullet(s);
    }
    if (!plan.assumptions.empty()) {
        w.heading("Assumptions");
        for (const auto& s : plan.assumptions)
            w.bullet(s);
    }
    w.heading("Why");
    for (const auto& e : plan.all_explanations())
        w.bullet(fmt::format("{}: {}", e.subject, e.text));
    if (!plan.sources.empty()) {
        w.heading("Sources");
        for (const auto& src : plan.sources)
            w.bullet(fmt::format("{}: {}, {}{}", src.topic, src.title, src.as_of,
                                 src.estimate.empty() ? "" : fmt::format(" (estimate: {})", src.estimate)));
    }
    return w.out;
}

} // namespace irisize
