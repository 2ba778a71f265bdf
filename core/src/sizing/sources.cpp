// SPDX-License-Identifier: GPL-3.0-or-later
// Sources: the public documents behind the plan's figures, only those the plan uses (rules,
// instance families in the plan, the prices of what it buys, the product profile if used).
#include "sizer.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace irisize::sizing {

void Sizer::sources() {
    auto& out = m_plan.sources;
    auto add = [&](std::string topic, const std::string& title, const std::string& as_of, const std::string& estimate) {
        for (const auto& s : out)
            if (s.title == title && s.as_of == as_of && s.estimate == estimate)
                return;
        out.push_back({std::move(topic), title, as_of, estimate});
    };
    for (const auto& r : m_cat.policy.references)
        add("Deployment and sizing", r.title, r.as_of, "");
    add("EBS rules", m_rules->title, m_rules->as_of, "");
    for (const auto& line : m_rules->source)
        add("EBS rules", line, m_rules->as_of, "");
    for (const auto& r : m_cat.instances.references) {
        const bool speaks_of_plan =
            r.families.empty() || std::any_of(m_plan.members.begin(), m_plan.members.end(), [&](const Member& m) {
                const auto idx = m_cat.instances.find(m.instance_type);
                return idx && std::find(r.families.begin(), r.families.end(),
                                        m_cat.instances.instances[*idx].family) != r.families.end();
            });
        if (speaks_of_plan)
            add("Instances", r.title, r.as_of, "");
    }

    // Prices: only the documents behind a price this plan uses.
    std::vector<std::string> titles;
    std::vector<std::pair<const PriceList*, std::size_t>> seen; // references already added
    auto priced = [&](const PriceList& prices, const std::vector<std::size_t>& refs) {
        for (auto i : refs) {
            if (std::find(seen.begin(), seen.end(), std::make_pair(&prices, i)) != seen.end())
                continue;
            seen.emplace_back(&prices, i);
            const auto& r = prices.references[i];
            add("Prices", r.title, r.as_of, r.estimate);
            if (std::find(titles.begin(), titles.end(), r.title) == titles.end())
                titles.push_back(r.title);
        }
    };
    for (const auto& m : m_plan.members) {
        const PriceList& prices = m.region == m_prices->region ? *m_prices : *m_dr_prices;
        if (auto idx = m_cat.instances.find(m.instance_type); idx && prices.instance_price[*idx])
            priced(prices, prices.instance_price[*idx]->refs);
        for (const auto& v : m.volumes)
            if (const auto* e = prices.ebs_price(v.type))
                priced(prices, e->refs);
    }
    for (const auto& c : m_plan.cost_lines) {
        if (c.category == "snapshots")
            priced(*m_prices, m_prices->snapshot.refs);
        else if (c.category == "transfer")
            priced(*m_prices, m_prices->cross_az.refs);
    }
    m_plan.price_source = fmt::format("{}", fmt::join(titles, "; "));
    if (m_profile_used)
        add("Demand", m_profile->title, m_profile->as_of.empty() ? m_cat.policy.as_of : m_profile->as_of,
            "irisize's illustrative per-user profile, not published by InterSystems: part of the demand comes from "
            "it rather than from measurements");
}

} // namespace irisize::sizing
