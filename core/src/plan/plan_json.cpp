// SPDX-License-Identifier: GPL-3.0-or-later
// The plan as its schema-1 JSON document, the machine interface (docs/plan-json.md): every
// member, volume, cost line, warning, assumption and explanation, money to the cent.
#include "irisize/plan/plan_json.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

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
        if (!m.system.empty())
            jm["system"] = m.system;
        if (m.on_premises)
            jm["on_premises"] = true;
        jm["role"] = name(m.role);
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
            vols.push_back({{"purpose", name(v.purpose)},
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
    for (const auto& c : plan.cost_lines) {
        json jc = {{"component", c.component},
                   {"category", c.category},
                   {"monthly_usd", cents(plan.monthly_usd(c.cost))},
                   {"estimate", c.estimate}};
        if (!c.system.empty())
            jc["system"] = c.system;
        lines.push_back(std::move(jc));
    }
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
        rejected.push_back({{"role", name(r.role)},
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

nlohmann::json to_json(const DeploymentPlan& plan) {
    using nlohmann::json;
    json j;
    j["schema"] = plan.schema;
    j["kind"] = "deployment";
    j["name"] = plan.name;
    if (!plan.description.empty())
        j["description"] = plan.description;
    j["region"] = plan.region;
    if (!plan.dr_region.empty())
        j["dr_region"] = plan.dr_region;
    j["rules"] = plan.rules;
    j["rules_as_of"] = plan.rules_as_of;
    j["horizon_years"] = plan.horizon_years;
    const double monthly = cents(plan.monthly_usd());
    json by_system = json::array();
    for (const auto& s : plan.systems)
        by_system.push_back({{"system", s.name},
                             {"monthly_usd", cents(s.monthly_usd())},
                             {"horizon_usd", cents(s.monthly_usd() * 12.0 * std::max(s.horizon_years, 1))}});
    if (plan.has_shared())
        by_system.push_back({{"system", plan.shared.name},
                             {"monthly_usd", cents(plan.shared.monthly_usd())},
                             {"horizon_usd", cents(plan.shared.monthly_usd() * 12.0 * std::max(plan.horizon_years, 1))}});
    j["cost"] = {{"monthly_usd", monthly},
                 {"horizon_usd", cents(plan.monthly_usd() * 12.0 * std::max(plan.horizon_years, 1))},
                 {"contains_estimates", plan.price_estimates()},
                 {"by_system", std::move(by_system)}};
    json systems = json::array();
    for (const auto& s : plan.systems)
        systems.push_back(to_json(s));
    j["systems"] = std::move(systems);
    if (plan.has_shared()) {
        json shared = to_json(plan.shared);
        // The shared tiers hold no database: what describes one is left out.
        for (const char* key : {"product", "product_name", "projection", "rejected", "description"})
            shared.erase(key);
        j["shared"] = std::move(shared);
    } else {
        j["shared"] = nullptr;
    }
    j["warnings"] = plan.warnings;
    j["assumptions"] = plan.assumptions;
    return j;
}

} // namespace irisize
