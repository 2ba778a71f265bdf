// SPDX-License-Identifier: GPL-3.0-or-later
// The deployment plan as one plan: every system's members and cost lines, then the shared
// parts', each tagged with its system; what the deploy writers and the figure draw.
#include "irisize/plan/deployment_plan.hpp"

#include <algorithm>

namespace irisize {

bool DeploymentPlan::price_estimates() const {
    return shared.price_estimates ||
           std::any_of(systems.begin(), systems.end(), [](const Plan& p) { return p.price_estimates; });
}

Plan DeploymentPlan::combined() const {
    Plan c;
    c.schema = schema;
    c.name = name;
    c.description = description;
    c.region = region;
    c.dr_region = dr_region;
    c.rules = rules;
    c.rules_as_of = rules_as_of;
    c.month = month;
    c.horizon_years = horizon_years;
    c.total = total;
    c.price_estimates = price_estimates();
    c.database_at_horizon = units::GiB(0);
    std::vector<const Plan*> parts;
    for (const auto& s : systems)
        parts.push_back(&s);
    if (has_shared())
        parts.push_back(&shared);
    auto add_once = [](std::vector<std::string>& list, const std::string& s) {
        if (std::find(list.begin(), list.end(), s) == list.end())
            list.push_back(s);
    };
    std::vector<std::string> products, price_sources;
    for (const Plan* p : parts) {
        if (!p->product.empty()) {
            add_once(products, p->product);
            c.database_at_horizon += p->database_at_horizon;
        }
        if (c.price_as_of.empty())
            c.price_as_of = p->price_as_of;
        if (c.dr_price_as_of.empty())
            c.dr_price_as_of = p->dr_price_as_of;
        if (!p->price_source.empty())
            add_once(price_sources, p->price_source);
        c.members.insert(c.members.end(), p->members.begin(), p->members.end());
        c.cost_lines.insert(c.cost_lines.end(), p->cost_lines.begin(), p->cost_lines.end());
        for (const auto& w : p->warnings)
            c.warnings.push_back(p->name + ": " + w);
        for (const auto& a : p->assumptions)
            c.assumptions.push_back(p->name + ": " + a);
        for (const auto& s : p->sources)
            if (std::none_of(c.sources.begin(), c.sources.end(), [&](const PlanSource& t) {
                    return t.title == s.title && t.as_of == s.as_of && t.estimate == s.estimate;
                }))
                c.sources.push_back(s);
    }
    for (const auto& w : warnings)
        c.warnings.push_back(w);
    for (const auto& a : assumptions)
        c.assumptions.push_back(a);
    for (std::size_t i = 0; i < products.size(); ++i)
        c.product += (i ? ", " : "") + products[i];
    c.product_name = c.product;
    for (std::size_t i = 0; i < price_sources.size(); ++i)
        c.price_source += (i ? "; " : "") + price_sources[i];
    return c;
}

} // namespace irisize
