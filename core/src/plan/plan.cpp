// SPDX-License-Identifier: GPL-3.0-or-later
// The few computations a Plan answers about itself: the cost of a category, a member by
// role, and all explanations in order (written from the members, rejections and cost lines).
#include "irisize/plan/plan.hpp"

#include "detail/number_format.hpp"
#include "detail/role_format.hpp"

namespace irisize {

units::cost_rate Plan::category_cost(std::string_view category) const {
    units::cost_rate sum = units::usd_per_hour(0);
    for (const auto& line : cost_lines)
        if (line.category == category)
            sum += line.cost;
    return sum;
}

const Member* Plan::member(Role role) const {
    for (const auto& m : members)
        if (m.role == role)
            return &m;
    return nullptr;
}

std::vector<Explanation> Plan::all_explanations() const {
    std::vector<Explanation> out;
    for (const auto& m : members) {
        if (&m != member(m.role)) // groups of the same role in other zones explain alike
            continue;
        out.push_back({std::string(irisize::name(m.role)) + " instance", m.explanation});
        if (m.role == Role::backup)
            continue;
        for (const auto& v : m.volumes)
            if (!v.explanation.empty())
                out.push_back(
                    {std::string(irisize::name(m.role)) + " " + std::string(irisize::name(v.purpose)) + " volume",
                     v.explanation});
    }
    for (const auto& r : rejected)
        out.push_back({format_text(FMT_COMPILE("{} rejected {}"), r.role, r.instance_type),
                       format_text(FMT_COMPILE("{} at {}/month is cheaper but {}"), r.instance_type,
                                   fmoney(monthly_usd(r.cost)), r.reason)});
    for (const auto& c : cost_lines)
        if (!c.explanation.empty())
            out.push_back({format_text(FMT_COMPILE("cost: {}"), c.component), c.explanation});
    return out;
}

} // namespace irisize
