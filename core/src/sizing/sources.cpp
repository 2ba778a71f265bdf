// SPDX-License-Identifier: GPL-3.0-or-later
// Sources: the public documents behind the plan's figures, only those the plan uses (rules,
// instance families in the plan, the prices of what it buys, the product profile if used).
// The documents are found by pointer into the catalog; only those cited are copied into the plan.
#include "sizer.hpp"

#include <algorithm>
#include <string_view>

namespace irisize::sizing {

void Sizer::sources() {
    auto& out = m_plan.sources;
    const PriceList* lists[] = {m_prices, m_dr_prices == m_prices ? nullptr : m_dr_prices};
    std::size_t most = m_cat.policy.references.size() + 1 + m_rules->source.size() +
                       m_cat.instances.references.size() + 1;
    for (const PriceList* p : lists)
        most += p ? p->references.size() : 0;
    out.reserve(out.size() + most);
    // A document is cited once, under the topic it first appears with.
    auto add = [&](std::string_view topic, const std::string& title, const std::string& as_of,
                   std::string_view estimate) {
        for (const auto& s : out)
            if (s.title == title && s.as_of == as_of && s.estimate == estimate)
                return;
        PlanSource& s = out.emplace_back();
        s.topic = topic;
        s.title = title;
        s.as_of = as_of;
        s.estimate = estimate;
    };
    for (const auto& r : m_cat.policy.references)
        add("Deployment and sizing", r.title, r.as_of, {});
    add("EBS rules", m_rules->title, m_rules->as_of, {});
    for (const auto& line : m_rules->source)
        add("EBS rules", line, m_rules->as_of, {});

    // Each member's instance type, found once (null when the catalog lacks it).
    std::vector<const InstanceType*> types;
    types.reserve(m_plan.members.size());
    for (const auto& m : m_plan.members) {
        const auto idx = m_cat.instances.find(m.instance_type);
        types.push_back(idx ? &m_cat.instances.instances[*idx] : nullptr);
    }
    for (const auto& r : m_cat.instances.references) {
        const bool speaks_of_plan = r.families.empty() || std::any_of(types.begin(), types.end(), [&](const auto* t) {
                                        return t && std::find(r.families.begin(), r.families.end(), t->family) !=
                                                        r.families.end();
                                    });
        if (speaks_of_plan)
            add("Instances", r.title, r.as_of, {});
    }

    // Prices: only the documents behind a price this plan uses.
    std::vector<const std::string*> titles; // for price_source, each once, in order
    std::vector<std::pair<const PriceList*, std::size_t>> seen; // references already added
    auto priced = [&](const PriceList& prices, const std::vector<std::size_t>& refs) {
        for (auto i : refs) {
            if (std::find(seen.begin(), seen.end(), std::make_pair(&prices, i)) != seen.end())
                continue;
            seen.emplace_back(&prices, i);
            const auto& r = prices.references[i];
            add("Prices", r.title, r.as_of, r.estimate);
            if (std::none_of(titles.begin(), titles.end(), [&](const std::string* t) { return *t == r.title; }))
                titles.push_back(&r.title);
        }
    };
    for (std::size_t k = 0; k < m_plan.members.size(); ++k) {
        const Member& m = m_plan.members[k];
        const PriceList& prices = m.region == m_prices->region ? *m_prices : *m_dr_prices;
        if (types[k]) {
            const auto idx = static_cast<std::size_t>(types[k] - m_cat.instances.instances.data());
            if (prices.instance_price[idx])
                priced(prices, prices.instance_price[idx]->refs);
        }
        const std::string* last_type = nullptr; // a type's references, once they are in, need no second look
        for (const auto& v : m.volumes) {
            if (last_type && *last_type == v.type)
                continue;
            last_type = &v.type;
            if (const auto* e = prices.ebs_price(v.type))
                priced(prices, e->refs);
        }
    }
    for (const auto& c : m_plan.cost_lines) {
        if (c.category == "snapshots")
            priced(*m_prices, m_prices->snapshot.refs);
        else if (c.category == "transfer")
            priced(*m_prices, m_w.failover_on_premises ? m_prices->transfer_in.refs : m_prices->cross_az.refs);
        else if (c.category == "network") // a hybrid site's link
            priced(*m_prices, m_w.link == "direct_connect" ? m_prices->direct_connect_port.refs
                                                           : m_prices->vpn_connection.refs);
    }
    std::size_t length = 0;
    for (const auto* t : titles)
        length += t->size() + 2;
    m_plan.price_source.clear();
    m_plan.price_source.reserve(length);
    for (std::size_t i = 0; i < titles.size(); ++i) {
        if (i)
            m_plan.price_source += "; ";
        m_plan.price_source += *titles[i];
    }
    if (m_profile_used)
        add("Demand", m_profile->title, m_profile->as_of.empty() ? m_cat.policy.as_of : m_profile->as_of,
            "irisize's illustrative per-user profile, not published by InterSystems: part of the demand comes from "
            "it rather than from measurements");
}

} // namespace irisize::sizing
