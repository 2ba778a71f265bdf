// SPDX-License-Identifier: GPL-3.0-or-later
// The deployment as Terraform resources: the shared layout's servers named and placed on the
// production or DR side, subnets, the web load balancer's subnets, root and attached volumes
// (see terraform_layout.hpp).
#include "deploy/terraform_layout.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "deploy/deploy_layout.hpp"
#include "detail/role_format.hpp"
#include "irisize/deploy/terraform.hpp"

namespace irisize::detail::tf {

std::optional<Error> lay_out(const Plan& plan, const DeployDefaults& d, Layout& L) {
    for (const auto& m : plan.members)
        if (!m.on_premises && m.region != plan.region && (plan.dr_region.empty() || m.region != plan.dr_region))
            return Error{fmt::format("members.{}.region", m.role),
                         fmt::format("'{}' is neither the plan's region '{}' nor its DR region '{}'", m.region,
                                     plan.region, plan.dr_region)};
    const DeployLayout deployment = lay_out_deployment(plan);
    auto where = [&](const DeployRegion& r) { return r.production ? Where::primary : Where::dr; };
    for (const auto& r : deployment.regions) {
        auto& zones = L.azs[static_cast<int>(where(r))];
        for (const auto& z : r.zones)
            zones.emplace_back(hcl_identifier(z), z);
        L.has_dr = L.has_dr || where(r) == Where::dr;
    }
    std::set<std::string> ids;
    for (const auto& s : deployment.servers) {
        const Member& m = *s.member;
        const std::string role = hcl_identifier(name(m.role));
        std::string id = s.of_role == 1 ? role : fmt::format("{}_{}", role, s.ordinal);
        while (!ids.insert(id).second)
            id += "_";
        L.servers.push_back({&m, id, where(deployment.regions[s.region]), hcl_identifier(m.availability_zone),
                             std::string(tier_of(m.role))});
    }
    for (const Where w : {Where::primary, Where::dr}) {
        WebLb& web = L.web[static_cast<int>(w)];
        for (const auto& s : L.servers)
            if (s.where == w && s.tier == "web") {
                web.targets.push_back(&s);
                if (std::find(web.subnets.begin(), web.subnets.end(), s.subnet) == web.subnets.end()) {
                    web.subnets.push_back(s.subnet);
                    web.web_zones.push_back(s.member->availability_zone);
                }
            }
        if (web.targets.empty())
            continue;
        for (const auto& z : L.azs[static_cast<int>(w)])
            if (web.subnets.size() < 2 &&
                std::find(web.subnets.begin(), web.subnets.end(), z.first) == web.subnets.end())
                web.subnets.push_back(z.first);
        if (web.subnets.size() < 2) {
            web.extra_subnet = true;
            web.extra_subnet_avoids = web.web_zones.front();
            web.subnets.push_back(suffixed("web_lb_extra", w));
        }
    }
    const auto& devices = d.instances.device_names;
    for (const auto& s : L.servers) {
        std::size_t next_device = 0;
        for (const auto& v : s.member->volumes) {
            for (int k = 1; k <= std::max(v.stripe_width, 1); ++k) {
                if (v.purpose == d.instances.root_volume_purpose && k == 1 && !L.root.count(s.id)) {
                    L.root[s.id] = &v;
                    continue;
                }
                if (next_device >= devices.size())
                    return Error{"instances.device_names",
                                 fmt::format("lists {} device names, but server {} ({} {}) needs more attached volumes",
                                             devices.size(), s.id, s.member->role, s.member->instance_type)};
                const std::string base = s.id + "_" + hcl_identifier(name(v.purpose));
                const std::string id = v.stripe_width > 1 ? fmt::format("{}_{}", base, k) : base;
                L.volumes.push_back({&s, &v, k, id, devices[next_device++]});
            }
        }
    }
    return std::nullopt;
}

std::vector<const Server*> mirror_lb_targets(const Layout& L, Where w, const std::string* system) {
    std::vector<const Server*> out;
    for (const auto& s : L.servers) {
        const Role r = s.member->role;
        if (s.where == w && (w == Where::primary ? is_failover_member(r) : r == Role::dr_async) &&
            (!system || s.member->system == *system))
            out.push_back(&s);
    }
    return out;
}

std::vector<MirrorGroup> mirror_groups(const Plan& plan) {
    std::vector<std::string> systems;
    for (const auto& m : plan.members)
        if (!m.on_premises && (is_failover_member(m.role) || m.role == Role::dr_async) &&
            std::find(systems.begin(), systems.end(), m.system) == systems.end())
            systems.push_back(m.system);
    std::vector<MirrorGroup> out;
    for (std::size_t i = 0; i < systems.size(); ++i) {
        MirrorGroup g;
        g.system = systems[i];
        if (systems.size() > 1) {
            g.resource_suffix = fmt::format("_s{}", i + 1);
            g.aws_suffix = fmt::format("-s{}", i + 1);
            // A DNS label: lower-case letters, digits and '-', at most 63 characters.
            std::string label;
            for (char c : g.system) {
                const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9'))
                    label += l;
                else if (!label.empty() && label.back() != '-')
                    label += '-';
            }
            while (!label.empty() && label.back() == '-')
                label.pop_back();
            if (label.size() > 50)
                label.resize(50);
            while (!label.empty() && label.back() == '-')
                label.pop_back();
            g.dns_prefix = (label.empty() ? fmt::format("system{}", i + 1) : label) + ".";
        }
        out.push_back(std::move(g));
    }
    return out;
}

const char* region_key(Where w) {
    return w == Where::dr ? "dr" : "primary";
}

std::string suffixed(const std::string& base, Where w) {
    return w == Where::dr ? base + "_dr" : base;
}

void provider(HclBody& b, Where w) {
    if (w == Where::dr)
        b.attr("provider", "aws.dr");
}

std::string interpolated(std::string_view suffix) {
    // "${var.name_prefix}-<suffix>" with the suffix escaped as literal text, words joined by hyphens.
    std::string text(suffix);
    std::replace(text.begin(), text.end(), '_', '-');
    return "\"${var.name_prefix}-" + hcl_string(text).substr(1);
}

} // namespace irisize::detail::tf
