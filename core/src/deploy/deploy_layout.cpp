// SPDX-License-Identifier: GPL-3.0-or-later
// The deployment laid out for the deploy writers: servers, regions, zones and the roles'
// place in the deployment (see deploy_layout.hpp).
#include "deploy/deploy_layout.hpp"

#include <algorithm>
#include <map>

namespace irisize::detail {

std::string_view tier_of(Role role) {
    if (holds_databases(role) || role == Role::arbiter)
        return "database";
    if (role == Role::web)
        return "web";
    return "app"; // app and print servers
}

DeployLayout lay_out_deployment(const Plan& plan) {
    DeployLayout out;
    std::vector<const Member*> deployed;
    for (const auto& m : plan.members)
        if (m.count >= 1 && !m.on_premises) // a hybrid site's on-premises members are not AWS's to deploy
            deployed.push_back(&m);
    for (const auto* m : deployed) {
        if (!out.primary && m->role == Role::primary)
            out.primary = m;
        if (!out.backup && m->role == Role::backup)
            out.backup = m;
    }

    // The primary's region first, then every other region a server is in, in plan order.
    auto region_of = [&](const std::string& name) {
        auto it =
            std::find_if(out.regions.begin(), out.regions.end(), [&](const DeployRegion& r) { return r.name == name; });
        if (it != out.regions.end())
            return static_cast<std::size_t>(it - out.regions.begin());
        out.regions.push_back({name, name == plan.region, {}, {}});
        return out.regions.size() - 1;
    };
    if (out.primary)
        region_of(out.primary->region);

    std::map<Role, int> of_role;
    for (const auto* m : deployed)
        of_role[m->role] += m->count;
    std::map<Role, int> seen;
    for (const auto* m : deployed) {
        const std::size_t r = region_of(m->region);
        DeployRegion& region = out.regions[r];
        region.members.push_back(m);
        if (std::find(region.zones.begin(), region.zones.end(), m->availability_zone) == region.zones.end())
            region.zones.push_back(m->availability_zone);
        for (int i = 0; i < m->count; ++i)
            out.servers.push_back({m, r, ++seen[m->role], of_role[m->role]});
    }
    return out;
}

std::vector<std::pair<std::string, int>> nodes_per_zone(const std::vector<const Member*>& members) {
    std::vector<std::pair<std::string, int>> out;
    for (const auto* m : members) {
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& z) { return z.first == m->availability_zone; });
        if (it == out.end())
            out.emplace_back(m->availability_zone, m->count);
        else
            it->second += m->count;
    }
    return out;
}

} // namespace irisize::detail
