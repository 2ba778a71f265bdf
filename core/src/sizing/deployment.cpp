// SPDX-License-Identifier: GPL-3.0-or-later
// A deployment sized: each system as it would be sized alone, then the web gateway tier the
// systems share, sized for all their users together, then the totals.
#include "irisize/sizing/deployment_sizing.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "sizer.hpp"

namespace irisize {

namespace sizing {

Result<Plan> Sizer::run_shared_web(const std::vector<const Workload*>& systems) {
    if (auto e = resolve())
        return *e;
    // The resolved workload is a stand-in (the first system's, stripped to its web tier): what
    // resolve() assumed of it is not this plan's.
    m_plan.assumptions.clear();
    m_profile_used = false;
    m_users_of = "the deployment's systems";
    m_plan.name = m_w.name;
    m_plan.region = m_prices->region;
    m_plan.rules = m_rules->id;
    m_plan.rules_as_of = m_rules->as_of;
    m_plan.price_as_of = m_prices->as_of;
    m_plan.month = m_prices->month;
    m_plan.horizon_years = m_d.horizon;

    // Every system's web load together: its users x its product's web cores per user at its CPU
    // target; each server at least the largest minimum any of the products asks.
    double vcpu = 0;
    double min_vcpu = N.web_min_vcpu;
    u::capacity min_memory = N.web_min_memory;
    TextBuffer parts;
    for (const Workload* w : systems) {
        const Profile* p = m_cat.profile(w->product);
        const double users = w->concurrent_users.value_or(0);
        const double target = w->target_cpu_percent.value_or(N.cpu_target_percent_default) / 100.0;
        if (p) {
            vcpu += users * p->web_cores / target;
            min_vcpu = std::max(min_vcpu, p->web_min_vcpu);
            min_memory = std::max(min_memory, p->web_min_memory);
        }
        if (m_opt.explain) {
            if (parts.size())
                append(parts, "; ");
            if (p)
                append(parts, FMT_COMPILE("{}: {} users x {} cores at {} % = {} vCPU"), w->name, fnum(users),
                       fnum(p->web_cores, 4), fnum(target * 100), fnum(users * p->web_cores / target, 2));
            else
                append(parts, FMT_COMPILE("{}: no profile for '{}', no web load counted"), w->name, w->product);
        }
    }
    const auto& azs = m_prices->availability_zones;
    const std::size_t web_zone_count =
        std::min(azs.size(), static_cast<std::size_t>(std::max(1.0, N.tier_web_zones_max)));
    TierLoad load{Role::web,
                  "shared.web_servers",
                  vcpu,
                  u::GiB(0),
                  min_vcpu,
                  min_memory,
                  "web gateway shared by the deployment's systems, behind one load balancer",
                  std::vector<std::string>(azs.begin(), azs.begin() + static_cast<std::ptrdiff_t>(web_zone_count))};
    assume([&] {
        return format_text(FMT_COMPILE("Shared web gateway tier: {} vCPU for all systems together ({}), at least {} vCPU and "
                                       "{} each (ILLUSTRATIVE ESTIMATE from the products' profiles)."),
                           fnum(vcpu, 2), to_string(parts), fnum(min_vcpu), gib(min_memory));
    });
    if (auto e = size_tier(m_w.web_servers, load))
        return *e;
    cost_lines();
    if (m_opt.explain)
        sources();
    return std::move(m_plan);
}

} // namespace sizing

Workload shared_workload(const Deployment& d) {
    Workload w = d.systems.front().workload;
    w.name = "shared";
    w.description.clear();
    w.mirror = false;
    w.arbiter = false;
    w.failover_on_premises = false; // the stand-in is no hybrid site, whatever the first system is
    w.link.clear();
    w.dr_region.clear();
    w.dr_members = 0;
    w.snapshot_retention_days = 0;
    w.app_servers = TierCount::fixed(0);
    w.print_servers = TierCount::fixed(0);
    w.web_servers = d.shared.web_servers;
    w.families = d.shared.families;
    int users = 0;
    for (const auto& s : d.systems)
        users += s.workload.concurrent_users.value_or(0);
    w.concurrent_users = users;
    return w;
}

namespace {

void tag(Plan& plan, const std::string& system) {
    for (auto& m : plan.members)
        m.system = system;
    for (auto& c : plan.cost_lines)
        c.system = system;
}

} // namespace

Result<DeploymentPlan> size(const Deployment& d, const Catalog& catalog, const SizeOptions& options) {
    if (d.systems.empty())
        return Error{"systems", "must list at least one system"};
    DeploymentPlan out;
    out.name = d.name;
    out.description = d.description;
    out.total = units::usd_per_hour(0);
    std::vector<const Workload*> workloads;
    for (std::size_t i = 0; i < d.systems.size(); ++i) {
        const auto& s = d.systems[i];
        auto plan = size(s.workload, catalog, options);
        if (!plan) {
            const std::string where = fmt::format("systems[{}] ({})", i, s.workload.name);
            return Error{plan.error().field.empty() || plan.error().field.rfind("--", 0) == 0
                             ? (plan.error().field.empty() ? where : plan.error().field)
                             : where + "." + plan.error().field,
                         plan.error().message};
        }
        tag(*plan, s.workload.name);
        if (options.explain && d.shares_web_tier() && s.own_web_servers.is_set() &&
            (s.own_web_servers.is_auto() || s.own_web_servers.count > 0))
            plan->assumptions.push_back(fmt::format(
                "Web servers: the deployment's shared web gateway tier serves this system; its own tiers.web_servers ({}) "
                "is not sized.",
                s.own_web_servers.is_auto() ? std::string("\"auto\"") : std::to_string(s.own_web_servers.count)));
        out.total += plan->total;
        out.horizon_years = std::max(out.horizon_years, plan->horizon_years);
        out.systems.push_back(std::move(plan).value());
        workloads.push_back(&s.workload);
    }
    const Plan& first = out.systems.front();
    out.region = first.region;
    out.rules = first.rules;
    out.rules_as_of = first.rules_as_of;
    out.month = first.month;
    for (const auto& p : out.systems)
        if (!p.dr_region.empty() && !p.hybrid()) // a hybrid system's DR members are in the deployment's region
            out.dr_region = p.dr_region;
    out.shared.name = "shared";
    out.shared.region = out.region;
    out.shared.rules = out.rules;
    out.shared.month = out.month;
    out.shared.total = units::usd_per_hour(0);
    if (d.shares_web_tier()) {
        const Workload stand_in = shared_workload(d);
        auto shared = [&]() -> Result<Plan> {
            try {
                return sizing::Sizer(stand_in, catalog, options).run_shared_web(workloads);
            } catch (const std::exception& e) {
                return Error{"", fmt::format("internal error while sizing the shared tier (please report): {}", e.what())};
            }
        }();
        if (!shared)
            return shared.error();
        tag(*shared, "shared");
        out.total += shared->total;
        out.shared = std::move(shared).value();
    }
    if (options.explain) {
        out.assumptions.push_back(fmt::format(
            "Each of the {} systems is sized as it would be alone, in {}{}; the deployment's cost is the sum of theirs{}.",
            out.systems.size(), out.region, out.dr_region.empty() ? std::string() : " with DR in " + out.dr_region,
            out.has_shared() ? " and the shared web gateway tier's" : ""));
    }
    return out;
}

} // namespace irisize
