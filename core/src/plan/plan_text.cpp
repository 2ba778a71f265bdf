// SPDX-License-Identifier: GPL-3.0-or-later
// The plan as readable text for the terminal (`irisize size --format text`): servers,
// volumes, cost, growth, warnings, assumptions and explanations, under underlined headings
// in aligned columns.
#include "irisize/plan/plan_text.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "irisize/format.hpp"

namespace irisize {

namespace u = units;

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
                       plan.hybrid()             ? std::string(", failover members on premises, DR members in AWS")
                       : plan.dr_region.empty() ? std::string()
                                                : fmt::format(", DR region {}", plan.dr_region),
                       plan.rules,
                       plan.rules_as_of, plan.price_as_of, plan.price_estimates ? " (some ESTIMATED)" : ""));
    w.line(fmt::format(
        "Monthly cost {} ({} over {} years at today's demand and prices).", money_str(plan.monthly_usd()),
        money_str(plan.monthly_usd() * 12.0 * std::max(plan.horizon_years, 1)), std::max(plan.horizon_years, 1)));

    w.heading("Servers");
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : plan.members) {
        if (m.on_premises) {
            rows.push_back({std::string(name(m.role)), "on premises", "(site's own)", std::to_string(m.count), "-", "-",
                            num(m.demand.vcpu, 1), num(u::in_GiB(m.demand.memory), 1), "not priced"});
            continue;
        }
        rows.push_back({std::string(name(m.role)), m.availability_zone, m.instance_type, std::to_string(m.count),
                        std::to_string(m.vcpu), num(u::in_GiB(m.memory), 1), num(m.demand.vcpu, 1),
                        num(u::in_GiB(m.demand.memory), 1),
                        money_str(plan.monthly_usd(m.instance_cost) * m.count) + (m.price_estimate ? " (est.)" : "")});
    }
    w.table({"role", "zone", "instance", "count", "vCPU", "RAM GiB", "vCPU need", "RAM need GiB", "USD/month"}, rows);

    w.heading("Storage");
    rows.clear();
    for (const auto& m : plan.members) {
        if (m.role == Role::backup || m.volumes.size() <= 1)
            continue;
        for (const auto& v : m.volumes)
            rows.push_back({std::string(name(m.role)), std::string(name(v.purpose)), volume_cell(v),
                            num(u::in_GiB(v.demand_capacity)), num(u::in_iops(v.demand_iops)),
                            num(u::in_MiBps(v.demand_throughput), 1), money_str(plan.monthly_usd(v.cost()))});
    }
    w.table({"member", "purpose", "volume(s)", "need GiB", "need IOPS", "need MiB/s", "USD/month"}, rows);
    if (const Member* b = plan.member(Role::backup); b && !b->on_premises)
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

std::string render_text(const DeploymentPlan& plan) {
    Writer w;
    w.line(fmt::format("irisize deployment plan: {}", plan.name));
    w.line("");
    if (!plan.description.empty()) {
        w.line(plan.description);
        w.line("");
    }
    const int years = std::max(plan.horizon_years, 1);
    w.line(fmt::format("{} system{}{}, region {}{}, rule set {} ({}).", plan.systems.size(),
                       plan.systems.size() == 1 ? "" : "s",
                       plan.has_shared() ? " and a shared web tier" : "", plan.region,
                       plan.dr_region.empty() ? "" : fmt::format(", DR region {}", plan.dr_region), plan.rules,
                       plan.rules_as_of));
    w.line(fmt::format("Monthly cost {} ({} over {} years at today's demand and prices){}.", money_str(plan.monthly_usd()),
                       money_str(plan.monthly_usd() * 12.0 * years), years,
                       plan.price_estimates() ? "; some prices ESTIMATED" : ""));

    w.heading("Cost per system");
    std::vector<std::vector<std::string>> rows;
    auto count_servers = [](const Plan& p) {
        int n = 0;
        for (const auto& m : p.members)
            n += m.count;
        return n;
    };
    for (const auto& s : plan.systems)
        rows.push_back({s.name, s.product_name, std::to_string(count_servers(s)), money_str(s.monthly_usd())});
    if (plan.has_shared())
        rows.push_back({"shared", "web gateway tier", std::to_string(count_servers(plan.shared)),
                        money_str(plan.shared.monthly_usd())});
    rows.push_back({"total", "", "", money_str(plan.monthly_usd())});
    w.table({"system", "product", "servers", "USD/month"}, rows);

    if (plan.has_shared()) {
        w.heading("Shared web tier");
        rows.clear();
        for (const auto& m : plan.shared.members)
            rows.push_back({std::string(name(m.role)), m.availability_zone, m.instance_type, std::to_string(m.count),
                            std::to_string(m.vcpu), num(u::in_GiB(m.memory), 1),
                            money_str(plan.shared.monthly_usd(m.instance_cost) * m.count) +
                                (m.price_estimate ? " (est.)" : "")});
        w.table({"role", "zone", "instance", "count", "vCPU", "RAM GiB", "USD/month"}, rows);
        for (const auto& a : plan.shared.assumptions)
            w.bullet(a);
    }
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
    for (const auto& s : plan.systems) {
        w.line("");
        w.line(std::string(72, '='));
        w.out += render_text(s);
    }
    return w.out;
}

} // namespace irisize
